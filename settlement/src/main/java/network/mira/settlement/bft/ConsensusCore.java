package network.mira.settlement.bft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.signer.DoubleSignRefusedException;

/**
 * Tendermint (Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus", Algorithm 1) as a
 * pure state machine: {@link #start} and {@link #handle} take an event and return the actions to
 * perform. No threads, clock, I/O or randomness. Vote counting lives in {@link HeightVotes}; this
 * class only applies the rules. Each "upon" rule of the paper is one method below; after every
 * event they are re-evaluated until none fires.
 */
public final class ConsensusCore {
    private enum Step { PROPOSE, PREVOTE, PRECOMMIT }

    private static final int RULE_PASSES_MAX = 100_000;

    private final ConsensusContext context;
    private ProposerSelection proposers;
    /** The set deciding the current height, from the context's schedule. */
    private ValidatorSet validators;
    private final CertificateVerifier certificates;
    private final PublicKey self;
    /** False on a follower: a node whose key is not in the current height's validator set. */
    private boolean signsVotes;

    private long height;
    private int round;
    private Step step;
    private Hash parentHash;
    private Hash parentStateRoot;
    private BlockHeader lockedValue;
    private int lockedRound;
    private BlockHeader validValue;
    private int validRound;
    private HeightVotes votes;
    private final TreeMap<Integer, Proposal> proposals = new TreeMap<>();
    private final Map<Hash, Boolean> validity = new HashMap<>();
    private final Set<Hash> executionRequested = new HashSet<>();
    private final Set<Integer> prevoteTimeoutSet = new HashSet<>();
    private final Set<Integer> precommitTimeoutSet = new HashSet<>();
    private final Set<Integer> lockRuleFired = new HashSet<>();
    private final List<ConsensusEvent> nextHeight = new ArrayList<>();
    private List<ConsensusAction> out = new ArrayList<>();
    private boolean divergence;
    private boolean waitingForCommitTimeout;
    private long refusedSignatures;

    /**
     * @param height          the height to decide (last finalized + 1)
     * @param parentHash      hash of the last finalized block
     * @param parentStateRoot its state root
     * @param restored        lock state kept from before a restart, or null
     */
    public ConsensusCore(ConsensusContext context, long height, Hash parentHash, Hash parentStateRoot,
                         LockState restored) {
        if (height < 1) {
            throw new IllegalArgumentException("height must be at least 1, got " + height);
        }
        this.context = context;
        this.certificates = new CertificateVerifier(context.signatureCheck());
        this.self = context.signer().publicKey();
        enterHeight(height, parentHash, parentStateRoot, context.validators().at(height));
        if (restored != null && restored.height() == height) {
            lockedValue = restored.lockedValue();
            lockedRound = restored.lockedRound();
            validValue = restored.validValue();
            validRound = restored.validRound();
        }
    }

    /** Starts the first round: past the last round this signer signed in, if it signed at this height. */
    public List<ConsensusAction> start() {
        return start(List.of());
    }

    /**
     * Starts after a restart: {@code replayed} are this node's own proposals and votes of this
     * height from the consensus WAL. They are taken in before the first round starts, so the node
     * re-sends what it signed (the signer hands back identical signatures for identical bytes) and
     * re-derives the same decisions instead of proposing a second, different block.
     */
    public List<ConsensusAction> start(List<ConsensusEvent> replayed) {
        int first = context.signer().lastSigned()
                .filter(last -> last.height() == height).map(last -> last.round()).orElse(0);
        round = first;
        for (ConsensusEvent event : replayed) {
            dispatch(event);
        }
        startRound(first);
        applyRules();
        return drain();
    }

    public List<ConsensusAction> handle(ConsensusEvent event) {
        dispatch(event);
        applyRules();
        return drain();
    }

    public long height() {
        return height;
    }

    public int round() {
        return round;
    }

    /** The step within the round: 0 propose, 1 prevote, 2 precommit (for metrics). */
    public int stepIndex() {
        return step.ordinal();
    }

    /** True once this node computed a state root different from a proposal's: an alarm, never a vote. */
    public boolean divergence() {
        return divergence;
    }

    public long refusedSignatures() {
        return refusedSignatures;
    }

    /** For logs and failure reports. */
    public String describe() {
        return "h=" + height + " r=" + round + " step=" + step + " lockedRound=" + lockedRound + " validRound="
                + validRound + " proposals=" + proposals.keySet() + " refused=" + refusedSignatures;
    }

    public LockState lockState() {
        return new LockState(height, lockedValue, lockedRound, validValue, validRound);
    }

    private List<ConsensusAction> drain() {
        List<ConsensusAction> result = out;
        out = new ArrayList<>();
        return result;
    }

    private void dispatch(ConsensusEvent event) {
        if (event instanceof ConsensusEvent.ProposalReceived received) {
            onProposal(received.proposal());
        } else if (event instanceof ConsensusEvent.VoteReceived received) {
            onVote(received.vote());
        } else if (event instanceof ConsensusEvent.TimeoutFired timeout) {
            onTimeout(timeout);
        } else if (event instanceof ConsensusEvent.BlockExecuted executed) {
            onExecuted(executed);
        } else if (event instanceof ConsensusEvent.DecisionReceived decision) {
            onDecision(decision.block(), decision.certificate());
        } else {
            throw new AssertionError("unknown event " + event);
        }
    }

    private boolean keepForNextHeight(long eventHeight, ConsensusEvent event) {
        if (eventHeight == height + 1 && nextHeight.size() < context.settings().futureMessagesMax()) {
            nextHeight.add(event);
        }
        return eventHeight != height;
    }

    private boolean roundOutOfWindow(int messageRound) {
        return messageRound > round + context.settings().roundsAheadMax();
    }

    private void onProposal(Proposal proposal) {
        if (keepForNextHeight(proposal.height(), new ConsensusEvent.ProposalReceived(proposal))
                || roundOutOfWindow(proposal.round()) || proposals.containsKey(proposal.round())) {
            return;
        }
        if (!proposers.proposer(height, proposal.round()).equals(proposal.proposer())) {
            return; // not this height's proposer for the round (checked again here: sets change with epochs)
        }
        proposals.put(proposal.round(), proposal);
        votes.markSpoke(proposal.round(), proposal.proposer());
        BlockHeader block = proposal.block();
        if (!block.parentHash().equals(parentHash)) {
            validity.putIfAbsent(block.hash(), false);
        }
    }

    private void onVote(Vote vote) {
        if (keepForNextHeight(vote.height(), new ConsensusEvent.VoteReceived(vote)) || roundOutOfWindow(vote.round())) {
            return;
        }
        if (!validators.contains(vote.validator())) {
            return; // not in this height's set (the set changed at an epoch boundary)
        }
        if (votes.add(vote) instanceof VoteSet.AddResult.Conflict conflict) {
            out.add(new ConsensusAction.ReportEvidence(conflict.evidence()));
        }
    }

    private void onTimeout(ConsensusEvent.TimeoutFired timeout) {
        if (timeout.height() != height || timeout.round() != round
                || waitingForCommitTimeout && timeout.kind() != TimeoutKind.COMMIT) {
            return;
        }
        switch (timeout.kind()) {
            case COMMIT -> {
                if (waitingForCommitTimeout) {
                    waitingForCommitTimeout = false;
                    startRound(0);
                }
            }
            case PROPOSE -> {
                if (step == Step.PROPOSE) {
                    castVote(VoteStep.PREVOTE, null);
                    step = Step.PREVOTE;
                }
            }
            case PREVOTE -> {
                if (step == Step.PREVOTE) {
                    castVote(VoteStep.PRECOMMIT, null);
                    step = Step.PRECOMMIT;
                }
            }
            case PRECOMMIT -> startRound(round + 1);
        }
    }

    private void onExecuted(ConsensusEvent.BlockExecuted executed) {
        BlockHeader block = blockWithHash(executed.blockHash());
        if (block == null || validity.containsKey(executed.blockHash())) {
            return;
        }
        boolean matches = executed.valid() && executed.stateRoot().equals(block.stateRoot());
        if (!matches && executed.valid()) {
            divergence = true;
        }
        validity.put(executed.blockHash(), matches);
    }

    private void onDecision(BlockHeader block, CommitCertificate certificate) {
        if (block.height() != height || !block.parentHash().equals(parentHash)) {
            return;
        }
        try {
            certificates.verify(context.chainId(), block, certificate, validators);
        } catch (InvalidCertificateException e) {
            return;
        }
        finalizeAndAdvance(block, certificate);
    }

    private BlockHeader blockWithHash(Hash hash) {
        for (Proposal proposal : proposals.values()) {
            if (proposal.block().hash().equals(hash)) {
                return proposal.block();
            }
        }
        return null;
    }

    // ---- rules ----

    private void applyRules() {
        for (int pass = 0; pass < RULE_PASSES_MAX; pass++) {
            if (waitingForCommitTimeout) {
                return; // messages of the new height are kept; the rules run once its first round starts
            }
            boolean changed = decideRule() || roundSkipRule() || proposeStepRule() || lockRule() || nilPrecommitRule();
            prevoteTimeoutRule();
            precommitTimeoutRule();
            if (!changed) {
                return;
            }
        }
        throw new AssertionError("consensus rules did not settle at height " + height + " round " + round);
    }

    /** Lines 49-54: a proposal and a precommit quorum for it in any round decide the height. */
    private boolean decideRule() {
        for (Proposal proposal : proposals.values()) {
            Hash hash = proposal.block().hash();
            VoteSet precommits = votes.get(proposal.round(), VoteStep.PRECOMMIT);
            if (precommits.hasQuorumFor(hash) && isValid(proposal)) {
                finalizeAndAdvance(proposal.block(), certificate(proposal, precommits));
                return true;
            }
        }
        return false;
    }

    /** Lines 55-56: more than a third of the stake is in a higher round; at least one honest is. */
    private boolean roundSkipRule() {
        int target = -1;
        for (int spoken : votes.roundsSpoken()) {
            if (spoken > round && spoken > target && votes.hasOneThirdSpeaking(spoken)) {
                target = spoken;
            }
        }
        if (target < 0) {
            return false;
        }
        startRound(target);
        return true;
    }

    /** Lines 22-33: prevote the round's proposal if it is valid and our lock allows it, else nil. */
    private boolean proposeStepRule() {
        Proposal proposal = proposals.get(round);
        if (step != Step.PROPOSE || proposal == null) {
            return false;
        }
        int proofRound = proposal.validRound();
        Hash hash = proposal.block().hash();
        if (proofRound >= 0 && !votes.get(proofRound, VoteStep.PREVOTE).hasQuorumFor(hash)) {
            return false; // wait for the proof of lock, or the propose timeout
        }
        Boolean valid = validity(proposal);
        if (valid == null) {
            return false;
        }
        boolean lockAllows = lockedRound == -1 || lockedRound <= proofRound && proofRound >= 0
                || lockedValue != null && lockedValue.hash().equals(hash);
        castVote(VoteStep.PREVOTE, valid && lockAllows ? proposal.block() : null);
        step = Step.PREVOTE;
        return true;
    }

    /** Lines 36-43: a prevote quorum for a valid proposal locks it (once per round). */
    private boolean lockRule() {
        Proposal proposal = proposals.get(round);
        if (step == Step.PROPOSE || proposal == null || lockRuleFired.contains(round)
                || !votes.get(round, VoteStep.PREVOTE).hasQuorumFor(proposal.block().hash())
                || !isValid(proposal)) {
            return false;
        }
        lockRuleFired.add(round);
        if (step == Step.PREVOTE) {
            lockedValue = proposal.block();
            lockedRound = round;
            castVote(VoteStep.PRECOMMIT, proposal.block());
            step = Step.PRECOMMIT;
        }
        validValue = proposal.block();
        validRound = round;
        return true;
    }

    /** Lines 44-46: a prevote quorum for nil. */
    private boolean nilPrecommitRule() {
        if (step != Step.PREVOTE || !votes.get(round, VoteStep.PREVOTE).hasQuorumFor(Hash.ZERO)) {
            return false;
        }
        castVote(VoteStep.PRECOMMIT, null);
        step = Step.PRECOMMIT;
        return true;
    }

    /** Lines 34-35. */
    private void prevoteTimeoutRule() {
        if (step == Step.PREVOTE && votes.get(round, VoteStep.PREVOTE).hasQuorumOfAny() && prevoteTimeoutSet.add(round)) {
            schedule(TimeoutKind.PREVOTE);
        }
    }

    /** Lines 47-48. */
    private void precommitTimeoutRule() {
        if (votes.get(round, VoteStep.PRECOMMIT).hasQuorumOfAny() && precommitTimeoutSet.add(round)) {
            schedule(TimeoutKind.PRECOMMIT);
        }
    }

    // ---- transitions ----

    /** Lines 11-21. The propose timeout is set even by the proposer, in case its signer refuses. */
    private void startRound(int newRound) {
        round = newRound;
        step = Step.PROPOSE;
        Proposal replayed = proposals.get(round);
        if (replayed != null && replayed.proposer().equals(self)) {
            out.add(new ConsensusAction.BroadcastProposal(replayed)); // from the WAL: send it again, never a second one
        } else if (proposers.proposer(height, round).equals(self)) {
            BlockHeader value = validValue != null ? validValue
                    : context.blockBuilder().build(height, parentHash, parentStateRoot, self);
            validity.putIfAbsent(value.hash(), true); // we built and executed it ourselves
            byte[] signBytes = Proposal.signBytes(context.chainId(), height, round, value);
            Signature signature = sign(VoteStep.PROPOSAL, signBytes);
            if (signature != null) {
                Proposal proposal = new Proposal(height, round, validValue != null ? validRound : -1, value, self, signature);
                out.add(new ConsensusAction.BroadcastProposal(proposal));
                onProposal(proposal);
            }
        }
        schedule(TimeoutKind.PROPOSE);
    }

    private void castVote(VoteStep voteStep, BlockHeader block) {
        if (!signsVotes) {
            return; // a follower walks the same steps and counts the validators' votes, but never votes
        }
        Hash blockHash = block == null ? Hash.ZERO : block.hash();
        Hash stateRoot = block == null ? Hash.ZERO : block.stateRoot();
        Vote unsigned = new Vote(height, round, voteStep, blockHash, stateRoot, self, Signature.wrap(new byte[Signature.LENGTH]));
        Signature signature = sign(voteStep, unsigned.signBytes(context.chainId()));
        if (signature == null) {
            return;
        }
        Vote vote = new Vote(height, round, voteStep, blockHash, stateRoot, self, signature);
        out.add(new ConsensusAction.BroadcastVote(vote));
        votes.add(vote);
    }

    /** A refused signature is counted and nothing is sent: the refusal protects safety. */
    private Signature sign(VoteStep signStep, byte[] signBytes) {
        try {
            return context.signer().sign(height, round, signStep, signBytes);
        } catch (DoubleSignRefusedException e) {
            refusedSignatures++;
            return null;
        }
    }

    private void schedule(TimeoutKind kind) {
        out.add(new ConsensusAction.ScheduleTimeout(height, round, kind, context.settings().timeoutMs(kind, round)));
    }

    private boolean isValid(Proposal proposal) {
        return Boolean.TRUE.equals(validity(proposal));
    }

    /** Known validity, or null after asking for execution (once per block). */
    private Boolean validity(Proposal proposal) {
        Hash hash = proposal.block().hash();
        Boolean known = validity.get(hash);
        if (known == null && executionRequested.add(hash)) {
            out.add(new ConsensusAction.ExecuteBlock(proposal));
        }
        return known;
    }

    private CommitCertificate certificate(Proposal proposal, VoteSet precommits) {
        List<CommitSignature> signatures = new ArrayList<>();
        for (Vote vote : precommits.votesFor(proposal.block().hash())) {
            signatures.add(new CommitSignature(vote.validator(), vote.signature()));
        }
        return new CommitCertificate(height, proposal.round(), proposal.block().hash(), proposal.block().stateRoot(),
                signatures);
    }

    private void finalizeAndAdvance(BlockHeader block, CommitCertificate certificate) {
        out.add(new ConsensusAction.Finalize(block, certificate));
        enterHeight(height + 1, block.hash(), block.stateRoot(), context.validators().after(block));
        waitingForCommitTimeout = true;
        schedule(TimeoutKind.COMMIT);
        List<ConsensusEvent> buffered = new ArrayList<>(nextHeight);
        nextHeight.clear();
        for (ConsensusEvent event : buffered) {
            dispatch(event);
        }
    }

    private void enterHeight(long newHeight, Hash newParentHash, Hash newParentStateRoot, ValidatorSet set) {
        height = newHeight;
        round = 0;
        step = Step.PROPOSE;
        parentHash = newParentHash;
        parentStateRoot = newParentStateRoot;
        lockedValue = null;
        lockedRound = -1;
        validValue = null;
        validRound = -1;
        if (validators == null || !validators.equals(set)) {
            // A new set takes effect exactly here: its quorums, its proposer order, its certificates.
            validators = set;
            proposers = new ProposerSelection(set);
            signsVotes = set.contains(self);
        }
        votes = new HeightVotes(newHeight, validators);
        proposals.clear();
        validity.clear();
        executionRequested.clear();
        prevoteTimeoutSet.clear();
        precommitTimeoutSet.clear();
        lockRuleFired.clear();
    }
}
