package network.mira.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.ValidatorSetMember;

/**
 * The light-client check of {@code mira block HEIGHT --verify}, done here from the node's answers and
 * never taken from the node: the header rebuilt from the block's fields must hash to the block hash;
 * the set the node returned, hashed here from its members, must be the one the header commits to; the
 * transactions and the carried parent certificate must match the header; and the certificate must be
 * a quorum of that set's valid Ed25519 precommits for exactly this block.
 *
 * <p>What it does not prove: that the set is the chain's rightful set. The header names it, so a node
 * that forged a whole block would name its own set too; a light client walks the sets from a trusted
 * one (next_validator_set_hash) for that. Evidence items are not re-checked against evidence_root.
 */
final class BlockVerification {
    private static final CertificateVerifier CERTIFICATES = new CertificateVerifier(Ed25519::verify);

    private BlockVerification() {}

    /** Verified with who signed, or the first thing found wrong. */
    record Outcome(Optional<String> error, int signers, int validators, long signedPower, long totalPower) {
        static Outcome failed(String error) {
            return new Outcome(Optional.of(error), 0, 0, 0, 0);
        }

        boolean verified() {
            return error.isEmpty();
        }
    }

    /** A reason the block does not verify; the message says what is wrong. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * @param chainId the chain the certificate's signatures are bound to
     * @param set     the node's answer to GetValidatorSet for the block's height
     */
    static Outcome verify(String chainId, Block block, GetValidatorSetResponse set) {
        try {
            return check(chainId, block, set);
        } catch (Failure e) {
            return Outcome.failed(e.getMessage());
        }
    }

    private static Outcome check(String chainId, Block block, GetValidatorSetResponse response) throws Failure {
        if (block.getHeight() == 0) {
            throw new Failure("height 0 is the genesis block: it has no signed certificate"
                    + " (the genesis file fixes it)");
        }
        if (response.getHeight() != block.getHeight()) {
            throw new Failure("the node returned the validator set of height "
                    + Long.toUnsignedString(response.getHeight()) + " for block " + block.getHeight());
        }
        ValidatorSet set = validatorSet(response);
        BlockHeader header = header(block);
        if (!header.hash().toBase58().equals(block.getHash())) {
            throw new Failure("the header fields hash to " + header.hash() + ", not to the block hash "
                    + block.getHash());
        }
        if (!set.hash().equals(header.validatorSetHash())) {
            throw new Failure("the validator set the node returned hashes to " + set.hash()
                    + ", but the header commits to " + header.validatorSetHash());
        }
        checkBody(block, header);
        if (!block.hasCertificate()) {
            throw new Failure("the node sent the block without its certificate");
        }
        CommitCertificate certificate = certificate("certificate", block.getCertificate());
        try {
            CERTIFICATES.verify(chainId, header, certificate, set);
        } catch (InvalidCertificateException e) {
            throw new Failure("certificate: " + e.getMessage());
        }
        long signedPower = 0;
        for (CommitSignature signature : certificate.signatures()) {
            signedPower += set.get(signature.validator()).map(Validator::stake).orElseThrow();
        }
        return new Outcome(Optional.empty(), certificate.signatures().size(), set.size(), signedPower,
                set.totalStake());
    }

    private static void checkBody(Block block, BlockHeader header) throws Failure {
        List<byte[]> transactions = block.getTransactionsList().stream().map(bytes -> bytes.toByteArray()).toList();
        if (!network.mira.core.block.Block.transactionsRoot(transactions).equals(header.transactionsRoot())) {
            throw new Failure("the block's transactions do not match the header's transactions root "
                    + header.transactionsRoot());
        }
        Hash lastCommitHash = block.hasLastCommit()
                ? Hash.sha256(certificate("last_commit", block.getLastCommit()).encode()) : Hash.ZERO;
        if (!lastCommitHash.equals(header.lastCommitHash())) {
            throw new Failure("the carried parent certificate hashes to " + lastCommitHash
                    + ", but the header commits to " + header.lastCommitHash());
        }
    }

    private static ValidatorSet validatorSet(GetValidatorSetResponse response) throws Failure {
        List<Validator> members = new ArrayList<>();
        for (ValidatorSetMember member : response.getValidatorsList()) {
            PublicKey key = parse("validator key", member.getKey(), PublicKey::fromBase58);
            try {
                members.add(new Validator(key, member.getVotingPower()));
            } catch (IllegalArgumentException e) {
                throw new Failure("validator set: " + e.getMessage());
            }
        }
        try {
            return new ValidatorSet(members);
        } catch (IllegalArgumentException e) {
            throw new Failure("validator set: " + e.getMessage());
        }
    }

    private static BlockHeader header(Block block) throws Failure {
        if (block.getNextValidatorSetHash().isEmpty()) {
            throw new Failure("the node sent no next_validator_set_hash (a node older than this mira?)");
        }
        try {
            return new BlockHeader(block.getVersion(), block.getHeight(),
                    parse("parent_hash", block.getParentHash(), Hash::fromBase58),
                    parse("state_root", block.getStateRoot(), Hash::fromBase58),
                    parse("transactions_root", block.getTransactionsRoot(), Hash::fromBase58),
                    block.getTimestampMs(),
                    parse("proposer", block.getProposer(), PublicKey::fromBase58),
                    parse("validator_set_hash", block.getValidatorSetHash(), Hash::fromBase58),
                    block.getTransactionsCount(),
                    parse("evidence_root", block.getEvidenceRoot(), Hash::fromBase58),
                    block.getEvidenceCount(),
                    parse("next_validator_set_hash", block.getNextValidatorSetHash(), Hash::fromBase58),
                    parse("last_commit_hash", block.getLastCommitHash(), Hash::fromBase58));
        } catch (IllegalArgumentException e) {
            throw new Failure("block header: " + e.getMessage());
        }
    }

    private static CommitCertificate certificate(String field, network.mira.rpc.v1.CommitCertificate proto)
            throws Failure {
        if (proto.getRound() < 0 || proto.getHeight() < 0) {
            throw new Failure(field + ": height or round out of range");
        }
        List<CommitSignature> signatures = new ArrayList<>();
        for (network.mira.rpc.v1.CommitSignature signature : proto.getSignaturesList()) {
            signatures.add(new CommitSignature(parse(field + " signer", signature.getValidator(),
                    PublicKey::fromBase58), parse(field + " signature", signature.getSignature(),
                    Signature::fromBase58)));
        }
        return new CommitCertificate(proto.getHeight(), proto.getRound(),
                parse(field + " block_hash", proto.getBlockHash(), Hash::fromBase58),
                parse(field + " state_root", proto.getStateRoot(), Hash::fromBase58), signatures);
    }

    private static <T> T parse(String field, String text, Function<String, T> parser) throws Failure {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new Failure(field + " '" + text + "' does not parse: " + e.getMessage());
        }
    }
}
