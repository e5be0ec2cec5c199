package network.mira.settlement.evidence;

import static network.mira.settlement.evidence.EvidenceFixtures.block;
import static network.mira.settlement.evidence.EvidenceFixtures.equivocation;
import static network.mira.settlement.evidence.EvidenceFixtures.key;
import static network.mira.settlement.evidence.EvidenceFixtures.vote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.evidence.EvidenceRefusal.Reason;
import org.junit.jupiter.api.Test;

/** Each rule of the verifier, with real Ed25519 signatures. */
class EvidenceVerifierTest {
    private static final String CHAIN = "mira-evidence-test";
    private static final KeyPair A = key(1);
    private static final KeyPair B = key(2);
    private static final long MAX_AGE = 100;
    private final EvidenceVerifier verifier = new EvidenceVerifier(CHAIN,
            new ValidatorSet(List.of(new Validator(A.publicKey(), 10), new Validator(B.publicKey(), 10))), MAX_AGE,
            Ed25519::verify);

    private Optional<EvidenceRefusal> verify(DuplicateVoteEvidence evidence, long newestHeight) {
        return verifier.verify(evidence, newestHeight);
    }

    private static void assertRefused(Optional<EvidenceRefusal> refusal, Reason reason, String message) {
        assertThat(refusal).as("refusal").isPresent();
        assertThat(refusal.get().reason()).isEqualTo(reason);
        assertThat(refusal.get().message()).isEqualTo(message);
    }

    @Test
    void aValidatorsTwoSignedVotesForOneSlotAreValidEvidence() {
        assertThat(verify(equivocation(A, CHAIN, 5, "x"), 5)).isEmpty();
        assertThat(verify(equivocation(B, CHAIN, 1, "x"), 5)).isEmpty();
    }

    @Test
    void aSignerOutsideTheValidatorSetIsRefused() {
        KeyPair stranger = key(9);
        assertRefused(verify(equivocation(stranger, CHAIN, 5, "x"), 5), Reason.UNKNOWN_VALIDATOR,
                "signer " + stranger.publicKey() + " is not in the validator set of height 5");
    }

    @Test
    void signaturesMustVerifyForThisChain() {
        assertRefused(verify(equivocation(A, "another-chain", 5, "x"), 5), Reason.INVALID_SIGNATURE,
                "signature of " + A.publicKey() + " on its PREVOTE for block " + Hash.ZERO
                        + " does not verify for chain " + CHAIN);

        Vote good = vote(A, CHAIN, 5, 0, VoteStep.PREVOTE, block("x"), block("x/root"));
        Vote forged = new Vote(5, 0, VoteStep.PREVOTE, block("y"), block("y/root"), A.publicKey(), good.signature());
        assertRefused(verify(new DuplicateVoteEvidence(good, forged), 5), Reason.INVALID_SIGNATURE,
                "signature of " + A.publicKey() + " on its PREVOTE for block " + block("y")
                        + " does not verify for chain " + CHAIN);
        Vote zeroSignature = new Vote(5, 0, VoteStep.PREVOTE, block("y"), block("y/root"), A.publicKey(),
                Signature.wrap(new byte[Signature.LENGTH]));
        assertThat(verify(new DuplicateVoteEvidence(good, zeroSignature), 5).orElseThrow().reason())
                .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void votesThatBreakTheVoteRulesAreRefused() {
        assertRefused(verify(equivocation(A, CHAIN, 0, "x"), 5), Reason.INVALID_VOTE, "vote height 0 is below 1");

        Vote nilWithRoot = vote(A, CHAIN, 5, 0, VoteStep.PREVOTE, Hash.ZERO, block("root"));
        Vote nil = vote(A, CHAIN, 5, 0, VoteStep.PREVOTE, Hash.ZERO, Hash.ZERO);
        assertRefused(verify(new DuplicateVoteEvidence(nil, nilWithRoot), 5), Reason.INVALID_VOTE,
                "vote for block " + Hash.ZERO + " with state root " + block("root")
                        + ": a nil vote must have a zero state root and only a nil vote may");
    }

    @Test
    void evidenceFromAHeightWithoutSettledVotesIsRefused() {
        assertRefused(verify(equivocation(A, CHAIN, 6, "x"), 5), Reason.FUTURE_HEIGHT,
                "evidence is from height 6, the newest acceptable height is 5");
    }

    @Test
    void evidenceOlderThanTheMaximumAgeIsRefused() {
        DuplicateVoteEvidence evidence = equivocation(A, CHAIN, 5, "x");
        assertThat(verify(evidence, 5 + MAX_AGE)).as("exactly the maximum age").isEmpty();
        assertRefused(verify(evidence, 6 + MAX_AGE), Reason.EXPIRED,
                "evidence from height 5 is 101 blocks old, more than the maximum of 100");
    }

    private static Block blockWith(long height, List<byte[]> evidence) {
        BlockHeader header = new BlockHeader(BlockHeader.VERSION, height, block("parent"), block("state"), Hash.ZERO,
                1, A.publicKey(), block("validators"), 0, Block.evidenceRoot(evidence), evidence.size());
        return new Block(header, List.of(), evidence);
    }

    private InvalidEvidenceException blockRefusal(Block block, Predicate<Hash> includedBefore) {
        InvalidEvidenceException e = catchThrowableOfType(InvalidEvidenceException.class,
                () -> verifier.verifyBlockEvidence(block, includedBefore));
        assertThat(e).as("block evidence refused").isNotNull();
        return e;
    }

    @Test
    void aBlocksEvidenceIsVerifiedItemByItem() throws InvalidEvidenceException {
        DuplicateVoteEvidence first = equivocation(A, CHAIN, 3, "x");
        DuplicateVoteEvidence second = equivocation(B, CHAIN, 9, "y");
        Block block = blockWith(10, List.of(first.encode(), second.encode()));

        assertThat(verifier.verifyBlockEvidence(block, hash -> false)).extracting(DuplicateVoteEvidence::hash)
                .containsExactly(first.hash(), second.hash());
        assertThat(verifier.verifyBlockEvidence(blockWith(10, List.of()), hash -> false)).isEmpty();
    }

    @Test
    void oneBadItemMakesTheBlockInvalid() {
        DuplicateVoteEvidence good = equivocation(A, CHAIN, 3, "x");
        List<byte[]> malformed = new ArrayList<>(List.of(good.encode(), new byte[] {1, 2, 3}));
        InvalidEvidenceException garbage = blockRefusal(blockWith(10, malformed), hash -> false);
        assertThat(garbage.index()).isEqualTo(1);
        assertThat(garbage.refusal().reason()).isEqualTo(Reason.MALFORMED);
        assertThat(garbage).hasMessage("block 10 evidence 1 refused: MALFORMED: first vote height: truncated, "
                + "need 8 bytes at offset 1, 2 left");

        InvalidEvidenceException twice = blockRefusal(blockWith(10, List.of(good.encode(), good.encode())),
                hash -> false);
        assertThat(twice.refusal()).isEqualTo(new EvidenceRefusal(Reason.DUPLICATE,
                "evidence " + good.hash() + " appears twice in the block"));

        InvalidEvidenceException again = blockRefusal(blockWith(10, List.of(good.encode())), good.hash()::equals);
        assertThat(again.refusal()).isEqualTo(new EvidenceRefusal(Reason.DUPLICATE,
                "evidence " + good.hash() + " is already in a finalized block"));

        // Votes of height 10 are still being cast while block 10 is decided.
        InvalidEvidenceException sameHeight = blockRefusal(
                blockWith(10, List.of(equivocation(A, CHAIN, 10, "x").encode())), hash -> false);
        assertThat(sameHeight.refusal().reason()).isEqualTo(Reason.FUTURE_HEIGHT);
        assertThat(sameHeight.index()).isZero();

        InvalidEvidenceException badSignature = blockRefusal(
                blockWith(10, List.of(equivocation(A, "another-chain", 4, "x").encode())), hash -> false);
        assertThat(badSignature.refusal().reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    }
}
