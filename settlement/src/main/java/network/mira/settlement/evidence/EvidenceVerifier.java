package network.mira.settlement.evidence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import network.mira.core.block.Block;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.evidence.EvidenceRefusal.Reason;
import network.mira.settlement.ledger.Ledger;

/**
 * Is this duplicate-vote evidence proof of equivocation on this chain? The votes' signer is in
 * the validator set, each vote is well formed and validly signed over its sign bytes for this
 * chain id, and the evidence is neither from a height without settled votes nor older than
 * {@code maxAgeBlocks}. That the two votes share (height, round, step) and signer and differ in
 * value is {@link DuplicateVoteEvidence}'s own invariant (and {@link DuplicateVoteEvidence#decode}
 * refuses bytes that break it, as {@link Reason#MALFORMED}).
 *
 * <p>Heights: a block at height H may include evidence from heights 1..H-1 that is at most
 * {@code maxAgeBlocks} below H-1; the votes of height H are still being cast on H itself. Every
 * node must use the same {@code maxAgeBlocks}: it decides which blocks are valid.
 *
 * <p>The validator set is the chain's current one; when sets change per epoch, this takes the set
 * of the evidence's height.
 */
public final class EvidenceVerifier {
    /** Evidence older than this many blocks is refused (about 14 hours at 0.5 s blocks). */
    public static final long DEFAULT_MAX_AGE_BLOCKS = 100_000;

    private final String chainId;
    private final ValidatorSchedule validators;
    private final long maxAgeBlocks;
    private final CertificateVerifier.SignatureCheck signatures;

    /** One set for every height. */
    public EvidenceVerifier(String chainId, ValidatorSet validators, long maxAgeBlocks,
                            CertificateVerifier.SignatureCheck signatures) {
        this(chainId, ValidatorSchedule.fixed(validators), maxAgeBlocks, signatures);
    }

    /** The offender must be in the set of the height it signed at, as the schedule says. */
    public EvidenceVerifier(String chainId, ValidatorSchedule validators, long maxAgeBlocks,
                            CertificateVerifier.SignatureCheck signatures) {
        if (maxAgeBlocks < 1) {
            throw new IllegalArgumentException("evidence max age must be at least 1 block, got " + maxAgeBlocks);
        }
        this.chainId = chainId;
        this.validators = validators;
        this.maxAgeBlocks = maxAgeBlocks;
        this.signatures = signatures;
    }

    /** The chain's id and validators, Ed25519 and the default maximum age. */
    public static EvidenceVerifier forChain(ChainParameters parameters) {
        return new EvidenceVerifier(parameters.chainId(), parameters.validators(), DEFAULT_MAX_AGE_BLOCKS,
                Ed25519::verify);
    }

    /** The chain's id, the sets {@code schedule} says, Ed25519 and the default maximum age. */
    public static EvidenceVerifier forChain(ChainParameters parameters, ValidatorSchedule schedule) {
        return new EvidenceVerifier(parameters.chainId(), schedule, DEFAULT_MAX_AGE_BLOCKS, Ed25519::verify);
    }

    public long maxAgeBlocks() {
        return maxAgeBlocks;
    }

    /**
     * @param newestHeight the highest height whose evidence is acceptable, H - 1 for a block at
     *                     height H; the age is counted from it
     * @return why the evidence is refused, or empty if it is valid
     */
    public Optional<EvidenceRefusal> verify(DuplicateVoteEvidence evidence, long newestHeight) {
        return verify(evidence, newestHeight, newestHeight);
    }

    /**
     * For a pool on top of {@code finalizedHeight}: evidence a coming block may include, that is
     * evidence the next block may include, or evidence from the height being decided (which waits
     * for the block after).
     */
    public Optional<EvidenceRefusal> verifyPending(DuplicateVoteEvidence evidence, long finalizedHeight) {
        return verify(evidence, finalizedHeight + 1, finalizedHeight);
    }

    private Optional<EvidenceRefusal> verify(DuplicateVoteEvidence evidence, long newestHeight, long ageFromHeight) {
        long height = evidence.height();
        if (height > newestHeight) {
            return refuse(Reason.FUTURE_HEIGHT, "evidence is from height " + height
                    + ", the newest acceptable height is " + newestHeight);
        }
        if (isExpired(height, ageFromHeight)) {
            return refuse(Reason.EXPIRED, "evidence from height " + height + " is " + (ageFromHeight - height)
                    + " blocks old, more than the maximum of " + maxAgeBlocks);
        }
        if (!validators.at(height).contains(evidence.validator())) {
            return refuse(Reason.UNKNOWN_VALIDATOR, "signer " + evidence.validator()
                    + " is not in the validator set of height " + height);
        }
        DuplicateVoteEvidence canonical = evidence.canonical(); // the same answer whichever vote came first
        for (Vote vote : List.of(canonical.first(), canonical.second())) {
            Optional<EvidenceRefusal> refusal = verifyVote(vote);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Whether evidence from {@code evidenceHeight} is too old to go into a block at {@code newestHeight} + 1. */
    public boolean isExpired(long evidenceHeight, long newestHeight) {
        return newestHeight - evidenceHeight > maxAgeBlocks;
    }

    private Optional<EvidenceRefusal> verifyVote(Vote vote) {
        if (vote.height() < 1) {
            return refuse(Reason.INVALID_VOTE, "vote height " + vote.height() + " is below 1");
        }
        if (vote.isNil() != vote.stateRoot().equals(Hash.ZERO)) {
            return refuse(Reason.INVALID_VOTE, "vote for block " + vote.blockHash() + " with state root "
                    + vote.stateRoot() + ": a nil vote must have a zero state root and only a nil vote may");
        }
        if (!signatures.verify(vote.validator(), vote.signBytes(chainId), vote.signature())) {
            return refuse(Reason.INVALID_SIGNATURE, "signature of " + vote.validator() + " on its " + vote.step()
                    + " for block " + vote.blockHash() + " does not verify for chain " + chainId);
        }
        return Optional.empty();
    }

    /** {@link #verifyBlockEvidence(Block, Predicate)} with "already included" read from the ledger. */
    public List<DuplicateVoteEvidence> verifyBlockEvidence(Block block, Ledger ledger) throws InvalidEvidenceException {
        return verifyBlockEvidence(block, hash -> ledger.evidence(hash).isPresent());
    }

    /**
     * The check a validator makes on a received block before voting for it: every evidence item
     * decodes canonically, appears once in the block, is in no earlier finalized block, and
     * verifies for this block's height. One bad item makes the whole block invalid.
     *
     * @param includedBefore whether an evidence hash is already in a finalized block
     * @return the block's evidence, decoded, in block order
     */
    public List<DuplicateVoteEvidence> verifyBlockEvidence(Block block, Predicate<Hash> includedBefore)
            throws InvalidEvidenceException {
        List<byte[]> items = block.evidence();
        List<DuplicateVoteEvidence> verified = new ArrayList<>(items.size());
        Set<Hash> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            DuplicateVoteEvidence evidence;
            try {
                evidence = DuplicateVoteEvidence.decode(items.get(i));
            } catch (DecodeException e) {
                throw new InvalidEvidenceException(block.height(), i, new EvidenceRefusal(Reason.MALFORMED,
                        e.getMessage()));
            }
            Hash hash = Hash.sha256(items.get(i));
            if (!seen.add(hash)) {
                throw new InvalidEvidenceException(block.height(), i, new EvidenceRefusal(Reason.DUPLICATE,
                        "evidence " + hash + " appears twice in the block"));
            }
            if (includedBefore.test(hash)) {
                throw new InvalidEvidenceException(block.height(), i, new EvidenceRefusal(Reason.DUPLICATE,
                        "evidence " + hash + " is already in a finalized block"));
            }
            Optional<EvidenceRefusal> refusal = verify(evidence, block.height() - 1);
            if (refusal.isPresent()) {
                throw new InvalidEvidenceException(block.height(), i, refusal.get());
            }
            verified.add(evidence);
        }
        return verified;
    }

    private static Optional<EvidenceRefusal> refuse(Reason reason, String message) {
        return Optional.of(new EvidenceRefusal(reason, message));
    }
}
