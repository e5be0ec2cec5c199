package network.mira.settlement.evidence;

import static network.mira.settlement.evidence.EvidenceFixtures.block;
import static network.mira.settlement.evidence.EvidenceFixtures.key;
import static network.mira.settlement.evidence.EvidenceFixtures.vote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;
import org.junit.jupiter.api.Test;

/** The canonical encoding of votes and duplicate-vote evidence, and everything decode refuses. */
class DuplicateVoteEvidenceEncodingTest {
    private static final String CHAIN = "mira-evidence-test";
    private static final KeyPair SIGNER = key(1);
    private static final Vote FOR_BLOCK = vote(SIGNER, CHAIN, 7, 2, VoteStep.PRECOMMIT, block("a"), block("a/root"));
    private static final Vote NIL = vote(SIGNER, CHAIN, 7, 2, VoteStep.PRECOMMIT, Hash.ZERO, Hash.ZERO);

    private static byte[] raw(int kind, Vote first, Vote second) {
        ByteWriter writer = new ByteWriter().u8(kind);
        first.encodeTo(writer);
        second.encodeTo(writer);
        return writer.toByteArray();
    }

    private static DecodeException refusal(byte[] bytes) {
        try {
            DuplicateVoteEvidence.decode(bytes);
        } catch (DecodeException e) {
            return e;
        }
        throw new AssertionError("decoded: " + Arrays.toString(bytes));
    }

    @Test
    void aVoteRoundTripsInItsFixedLayout() throws DecodeException {
        byte[] bytes = FOR_BLOCK.encode();
        assertThat(bytes).hasSize(Vote.ENCODED_LENGTH).hasSize(173);
        ByteReader reader = new ByteReader(bytes);
        assertThat(Vote.decode(reader, "vote")).isEqualTo(FOR_BLOCK);
        assertThat(reader.remaining()).isZero();
    }

    @Test
    void evidenceHasOneEncodingWhicheverVoteCameFirst() throws DecodeException {
        DuplicateVoteEvidence seenNilFirst = new DuplicateVoteEvidence(NIL, FOR_BLOCK);
        DuplicateVoteEvidence seenBlockFirst = new DuplicateVoteEvidence(FOR_BLOCK, NIL);

        assertThat(seenNilFirst.encode()).hasSize(DuplicateVoteEvidence.ENCODED_LENGTH).hasSize(347)
                .isEqualTo(seenBlockFirst.encode());
        assertThat(seenNilFirst.hash()).isEqualTo(seenBlockFirst.hash())
                .isEqualTo(Hash.sha256(seenNilFirst.encode()));
        // Canonical order is ascending (block hash, state root): the nil vote (zero hash) first.
        assertThat(seenBlockFirst.canonical().first()).isEqualTo(NIL);
        assertThat(seenNilFirst.encode()).isEqualTo(raw(1, NIL, FOR_BLOCK));

        DuplicateVoteEvidence decoded = DuplicateVoteEvidence.decode(seenBlockFirst.encode());
        assertThat(decoded).isEqualTo(seenNilFirst);
        assertThat(decoded.encode()).isEqualTo(seenBlockFirst.encode());
        assertThat(decoded.height()).isEqualTo(7);
        assertThat(decoded.round()).isEqualTo(2);
        assertThat(decoded.step()).isEqualTo(VoteStep.PRECOMMIT);
        assertThat(decoded.validator()).isEqualTo(SIGNER.publicKey());
    }

    @Test
    void truncatedTrailingAndUnknownKindsAreRefused() {
        byte[] good = raw(1, NIL, FOR_BLOCK);
        assertThat(refusal(new byte[0])).hasMessage("evidence kind: truncated, need 1 bytes at offset 0, 0 left");
        assertThat(refusal(Arrays.copyOf(good, 100)))
                .hasMessage("first vote validator: truncated, need 32 bytes at offset 78, 22 left");
        assertThat(refusal(Arrays.copyOf(good, good.length - 1)))
                .hasMessage("second vote signature: truncated, need 64 bytes at offset 283, 63 left");
        assertThat(refusal(Arrays.copyOf(good, good.length + 1)))
                .hasMessage("duplicate vote evidence: 1 trailing bytes");
        assertThat(refusal(raw(2, NIL, FOR_BLOCK)))
                .hasMessage("evidence kind 2 is not supported (expected 1, duplicate vote)");
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        byte[] proposalStep = raw(1, NIL, FOR_BLOCK);
        proposalStep[1 + 12] = 1;
        assertThat(refusal(proposalStep))
                .hasMessage("first vote step 1 is not a vote step (expected 2 prevote or 3 precommit)");

        byte[] hugeRound = raw(1, NIL, FOR_BLOCK);
        Arrays.fill(hugeRound, 1 + Vote.ENCODED_LENGTH + 8, 1 + Vote.ENCODED_LENGTH + 12, (byte) 0xFF);
        assertThat(refusal(hugeRound)).hasMessage("second vote round 4294967295 is out of range");

        byte[] hugeHeight = raw(1, NIL, FOR_BLOCK);
        Arrays.fill(hugeHeight, 1, 9, (byte) 0xFF);
        assertThat(refusal(hugeHeight)).hasMessage("first vote height 18446744073709551615 is out of range");
    }

    @Test
    void pairsThatProveNothingAreRefused() {
        KeyPair other = key(2);
        Vote othersVote = vote(other, CHAIN, 7, 2, VoteStep.PRECOMMIT, block("a"), block("a/root"));
        assertThat(refusal(raw(1, NIL, othersVote))).hasMessage("duplicate vote evidence: votes are from different "
                + "validators " + SIGNER.publicKey() + " and " + other.publicKey());

        Vote laterRound = vote(SIGNER, CHAIN, 7, 3, VoteStep.PRECOMMIT, block("a"), block("a/root"));
        assertThat(refusal(raw(1, NIL, laterRound)))
                .hasMessage("duplicate vote evidence: votes are for different slots 7/2/PRECOMMIT and 7/3/PRECOMMIT");

        assertThat(refusal(raw(1, FOR_BLOCK, FOR_BLOCK))).hasMessage("duplicate vote evidence: both votes are for block "
                + block("a") + " with state root " + block("a/root") + ", which is no conflict");

        assertThat(refusal(raw(1, FOR_BLOCK, NIL))).hasMessage(
                "duplicate vote evidence: votes are not in canonical order (ascending block hash, then state root)");
    }

    @Test
    void aDifferentStateRootForTheSameBlockIsAConflictToo() throws DecodeException {
        Vote otherRoot = vote(SIGNER, CHAIN, 7, 2, VoteStep.PRECOMMIT, block("a"), block("a/other-root"));
        DuplicateVoteEvidence evidence = new DuplicateVoteEvidence(FOR_BLOCK, otherRoot);
        assertThat(DuplicateVoteEvidence.decode(evidence.encode()).hash()).isEqualTo(evidence.hash());
    }
}
