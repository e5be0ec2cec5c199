package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteSignBytes;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.rpc.service.ProtoMapper;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.ValidatorSetMember;
import org.junit.jupiter.api.Test;

/**
 * The light-client check on a block signed here by a four-validator set (powers 10, 20, 30, 40), and on
 * every way a node could tamper with what it sends.
 */
class BlockVerificationTest {
    private static final String CHAIN = "mira-verify-test";
    private static final long HEIGHT = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<KeyPair> keys = List.of(KeyPair.generate(RANDOM), KeyPair.generate(RANDOM),
            KeyPair.generate(RANDOM), KeyPair.generate(RANDOM));
    private final ValidatorSet set = new ValidatorSet(List.of(new Validator(keys.get(0).publicKey(), 10),
            new Validator(keys.get(1).publicKey(), 20), new Validator(keys.get(2).publicKey(), 30),
            new Validator(keys.get(3).publicKey(), 40)));
    private final Block block = block();

    private Block block() {
        byte[] transaction = new byte[1 + 64 + 16];
        transaction[0] = 1;
        transaction[70] = 7;
        CommitCertificate parentCommit = new CommitCertificate(HEIGHT - 1, 0, Hash.sha256(new byte[] {4}),
                Hash.sha256(new byte[] {5}), List.of());
        BlockHeader header = new BlockHeader(BlockHeader.VERSION, HEIGHT, Hash.sha256(new byte[] {1}),
                Hash.sha256(new byte[] {2}), Block.transactionsRoot(List.of(transaction)), 1_700_000_000_000L,
                keys.get(0).publicKey(), set.hash(), 1, Hash.ZERO, 0, set.hash(),
                Hash.sha256(parentCommit.encode()));
        return new Block(header, List.of(transaction), List.of(), Optional.of(parentCommit));
    }

    /** A certificate for the block signed by the validators at {@code signers}. */
    private CommitCertificate certificate(String chainId, int... signers) {
        byte[] signBytes = VoteSignBytes.of(chainId, HEIGHT, 0, VoteStep.PRECOMMIT, block.hash(),
                block.header().stateRoot());
        List<CommitSignature> signatures = new ArrayList<>();
        for (int signer : signers) {
            signatures.add(new CommitSignature(keys.get(signer).publicKey(), keys.get(signer).sign(signBytes)));
        }
        return new CommitCertificate(HEIGHT, 0, block.hash(), block.header().stateRoot(), signatures);
    }

    private network.mira.rpc.v1.Block signedBlock() {
        return ProtoMapper.block(block, certificate(CHAIN, 1, 2, 3));
    }

    private GetValidatorSetResponse setResponse() {
        return ProtoMapper.validatorSet(HEIGHT, OptionalLong.of(0), set, HEIGHT);
    }

    @Test
    void aQuorumOfTheHeadersSetVerifiesWithWhoSigned() {
        BlockVerification.Outcome outcome = BlockVerification.verify(CHAIN, signedBlock(), setResponse());

        assertThat(outcome.error()).isEmpty();
        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.signers()).isEqualTo(3);
        assertThat(outcome.validators()).isEqualTo(4);
        assertThat(outcome.signedPower()).isEqualTo(90);
        assertThat(outcome.totalPower()).isEqualTo(100);
    }

    @Test
    void theNodesOwnSetHashIsNeverTrusted() {
        GetValidatorSetResponse wrongHash = setResponse().toBuilder()
                .setValidatorSetHash(Hash.sha256(new byte[] {9}).toBase58()).build();

        assertThat(BlockVerification.verify(CHAIN, signedBlock(), wrongHash).verified())
                .as("the hash is recomputed from the members, whatever the node claims").isTrue();
    }

    @Test
    void aTamperedVotingPowerIsNotTheHeadersSet() {
        GetValidatorSetResponse tampered = setResponse().toBuilder()
                .setValidators(0, setResponse().getValidators(0).toBuilder().setVotingPower(11)).build();

        assertFails(signedBlock(), tampered, "the validator set the node returned hashes to ",
                ", but the header commits to " + set.hash());
    }

    @Test
    void aSetWithAnotherMemberIsNotTheHeadersSet() {
        KeyPair stranger = KeyPair.generate(RANDOM);
        GetValidatorSetResponse swapped = setResponse().toBuilder().setValidators(0, ValidatorSetMember.newBuilder()
                .setKey(stranger.publicKey().toBase58()).setVotingPower(10)).build();

        assertFails(signedBlock(), swapped, "the validator set the node returned hashes to ");
        assertFails(signedBlock(), setResponse().toBuilder().removeValidators(3).build(),
                "the validator set the node returned hashes to ");
        assertFails(signedBlock(), setResponse().toBuilder().clearValidators().build(),
                "validator set: a validator set needs at least one validator");
    }

    @Test
    void lessThanTwoThirdsOfThePowerIsNoCertificate() {
        network.mira.rpc.v1.Block weak = ProtoMapper.block(block, certificate(CHAIN, 0, 3));

        assertFails(weak, setResponse(), "certificate: signers hold 50 of 100 stake, not more than two thirds");
    }

    @Test
    void aForgedSignatureOrAnotherChainsSignaturesFail() {
        network.mira.rpc.v1.Block block = signedBlock();
        var certificate = block.getCertificate().toBuilder();
        certificate.setSignatures(0, certificate.getSignatures(0).toBuilder()
                .setSignature(certificate.getSignatures(1).getSignature()));
        network.mira.rpc.v1.Block forged = block.toBuilder().setCertificate(certificate).build();

        assertFails(forged, setResponse(), "certificate: bad signature from " + certificate.getSignatures(0)
                .getValidator());
        assertFails(ProtoMapper.block(this.block, certificate("another-chain", 1, 2, 3)), setResponse(),
                "certificate: bad signature from ");
        assertThat(BlockVerification.verify("another-chain", signedBlock(), setResponse()).verified()).isFalse();
    }

    @Test
    void aTamperedHeaderOrBodyFails() {
        assertFails(signedBlock().toBuilder().setTimestampMs(1).build(), setResponse(),
                "the header fields hash to ", ", not to the block hash " + block.hash());
        assertFails(signedBlock().toBuilder().setTransactions(0, ByteString.copyFrom(new byte[81])).build(),
                setResponse(), "the block's transactions do not match the header's transactions root");
        assertFails(signedBlock().toBuilder().clearLastCommit().build(), setResponse(),
                "the carried parent certificate hashes to " + Hash.ZERO);
        assertFails(signedBlock().toBuilder().clearCertificate().build(), setResponse(),
                "the node sent the block without its certificate");
        assertFails(signedBlock().toBuilder().clearNextValidatorSetHash().build(), setResponse(),
                "the node sent no next_validator_set_hash");
        assertFails(signedBlock().toBuilder().setProposer("not base58!").build(), setResponse(),
                "proposer 'not base58!' does not parse: ");
    }

    @Test
    void theSetOfAnotherHeightAndTheGenesisBlockAreRefusedByName() {
        assertFails(signedBlock(), setResponse().toBuilder().setHeight(HEIGHT + 1).build(),
                "the node returned the validator set of height 6 for block 5");
        assertFails(signedBlock().toBuilder().setHeight(0).build(), setResponse(),
                "height 0 is the genesis block: it has no signed certificate");
    }

    private static void assertFails(network.mira.rpc.v1.Block block, GetValidatorSetResponse set, String... parts) {
        BlockVerification.Outcome outcome = BlockVerification.verify(CHAIN, block, set);
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.error()).hasValueSatisfying(error -> assertThat(error).startsWith(parts[0])
                .contains(parts));
    }
}
