package network.mira.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.p2p.gossip.SeenCache;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.ProposalValidator;
import network.mira.settlement.bft.ProposerSelection;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.bft.VoteValidator;
import network.mira.settlement.consensus.ConsensusInbox;
import org.junit.jupiter.api.Test;

/** Peers' consensus messages: checked, de-duplicated, delivered, relayed; bad ones cost the sender. */
class ConsensusInboundTest {
    private static final String CHAIN = "mira-inbound";
    private static final long HEIGHT = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<KeyPair> keys = List.of(KeyPair.generate(RANDOM), KeyPair.generate(RANDOM),
            KeyPair.generate(RANDOM), KeyPair.generate(RANDOM));
    private final ValidatorSet set = new ValidatorSet(keys.stream().map(k -> new Validator(k.publicKey(), 10)).toList());
    private final PublicKey peer = KeyPair.generate(RANDOM).publicKey();
    private final RecordingMessenger messenger = new RecordingMessenger();
    private final List<Object> delivered = new ArrayList<>();
    private final SeenCache seen = new SeenCache(1_000, new SimpleMeterRegistry());
    private final ConsensusInbound inbound = new ConsensusInbound(new ConsensusInbox() {
        @Override
        public void deliverProposal(Proposal proposal, Block block) {
            delivered.add(proposal);
        }

        @Override
        public void deliverVote(Vote vote) {
            delivered.add(vote);
        }

        @Override
        public void deliverDecision(Block block, CommitCertificate certificate) {
            delivered.add(certificate);
        }

        @Override
        public long currentHeight() {
            return HEIGHT;
        }
    }, new ProposalValidator(CHAIN, set, Ed25519::verify), new VoteValidator(CHAIN, set, Ed25519::verify),
            seen, messenger);

    private Vote vote(KeyPair signer, long height) {
        Hash block = Hash.sha256(new byte[] {1});
        Hash root = Hash.sha256(new byte[] {2});
        Vote unsigned = new Vote(height, 0, VoteStep.PREVOTE, block, root, signer.publicKey(),
                Signature.wrap(new byte[Signature.LENGTH]));
        return new Vote(height, 0, VoteStep.PREVOTE, block, root, signer.publicKey(),
                signer.sign(unsigned.signBytes(CHAIN)));
    }

    @Test
    void aValidVoteIsDeliveredOnceAndRelayedToTheOtherPeers() {
        byte[] payload = vote(keys.get(1), HEIGHT).encode();
        inbound.onVote(peer, payload);
        inbound.onVote(peer, payload.clone());
        assertThat(delivered).hasSize(1);
        assertThat(messenger.on(Channels.VOTE)).singleElement()
                .satisfies(sent -> assertThat(sent.except()).isEqualTo(peer));
        assertThat(messenger.penalties).isEmpty();
    }

    @Test
    void aForgedVoteCostsTheSenderAndGoesNowhere() {
        byte[] payload = vote(keys.get(1), HEIGHT).encode();
        payload[payload.length - 1] ^= 1; // the signature is last
        inbound.onVote(peer, payload);
        assertThat(delivered).isEmpty();
        assertThat(messenger.sent).isEmpty();
        assertThat(messenger.penalties).singleElement()
                .satisfies(p -> assertThat(p.points()).isEqualTo(ConsensusInbound.FORGED_PENALTY));
    }

    @Test
    void aVoteFromOutsideTheSetIsForgedToo() {
        inbound.onVote(peer, vote(KeyPair.generate(RANDOM), HEIGHT).encode());
        assertThat(delivered).isEmpty();
        assertThat(messenger.penalties).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not a validator"));
    }

    @Test
    void aVoteAheadOfTheDecidedHeightFromAnUnknownSignerIsNotHeldAgainstTheSenderAndIsJudgedAgainLater() {
        // Height HEIGHT + 1 may be a new epoch whose set this node does not know yet.
        KeyPair newcomer = KeyPair.generate(RANDOM);
        byte[] payload = vote(newcomer, HEIGHT + 1).encode();
        inbound.onVote(peer, payload);
        assertThat(delivered).isEmpty();
        assertThat(messenger.penalties).isEmpty();

        // The re-broadcast copy is judged again rather than dropped as already seen.
        inbound.onVote(peer, payload.clone());
        assertThat(delivered).isEmpty();
        assertThat(messenger.penalties).isEmpty();
        assertThat(seen.contains(Hash.sha256(payload).bytes())).isFalse();

        // At the height being decided the set is known: the same signer is a forger.
        inbound.onVote(peer, vote(newcomer, HEIGHT).encode());
        assertThat(messenger.penalties).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("is not a validator at height " + HEIGHT));
    }

    @Test
    void undecodableBytesCostLessThanForgeries() {
        inbound.onVote(peer, new byte[] {1, 2, 3});
        inbound.onProposal(peer, new byte[] {4, 5, 6});
        assertThat(delivered).isEmpty();
        assertThat(messenger.penalties).hasSize(2)
                .allSatisfy(p -> assertThat(p.points()).isEqualTo(ConsensusInbound.MALFORMED_PENALTY));
    }

    @Test
    void lateMessagesOfDecidedHeightsAreDroppedWithoutPenalty() {
        inbound.onVote(peer, vote(keys.get(2), HEIGHT - 1).encode());
        assertThat(delivered).isEmpty();
        assertThat(messenger.sent).isEmpty();
        assertThat(messenger.penalties).isEmpty();
    }

    @Test
    void aProposalFromTheRoundsProposerIsDeliveredWithItsBlockAndAnotherBlockIsRefused() {
        PublicKey proposerKey = new ProposerSelection(set).proposer(HEIGHT, 0);
        KeyPair proposer = keys.stream().filter(k -> k.publicKey().equals(proposerKey)).findFirst().orElseThrow();
        List<byte[]> transactions = List.of(new byte[] {9});
        BlockHeader header = new BlockHeader(BlockHeader.VERSION, HEIGHT, Hash.sha256(new byte[] {3}),
                Hash.sha256(new byte[] {4}), Block.transactionsRoot(transactions), 1_000, proposerKey, set.hash(), 1);
        Block block = new Block(header, transactions);
        Proposal proposal = new Proposal(HEIGHT, 0, -1, header, proposerKey,
                proposer.sign(Proposal.signBytes(CHAIN, HEIGHT, 0, header)));
        inbound.onProposal(peer, ConsensusBroadcaster.encodeProposal(proposal, block));
        assertThat(delivered).containsExactly(proposal);
        assertThat(messenger.on(Channels.PROPOSAL)).hasSize(1);

        BlockHeader otherHeader = new BlockHeader(BlockHeader.VERSION, HEIGHT, header.parentHash(), header.stateRoot(),
                Block.transactionsRoot(List.of()), 1_000, proposerKey, set.hash(), 0);
        inbound.onProposal(peer, ConsensusBroadcaster.encodeProposal(proposal, new Block(otherHeader, List.of())));
        assertThat(delivered).hasSize(1);
        assertThat(messenger.penalties).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("the block is not the proposed one"));
    }
}
