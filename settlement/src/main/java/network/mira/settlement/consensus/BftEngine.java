package network.mira.settlement.consensus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.consensus.VoteStep;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.ConsensusAction;
import network.mira.settlement.bft.ConsensusContext;
import network.mira.settlement.bft.ConsensusCore;
import network.mira.settlement.bft.ConsensusEvent;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.LockState;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.TimeoutKind;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.bft.wal.ConsensusLog;
import network.mira.settlement.bft.wal.WalRecord;
import network.mira.settlement.bft.wal.WalRecordCodec;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.production.BuiltBlock;
import network.mira.settlement.signer.ConsensusSigner;
import network.mira.settlement.signer.DoubleSignRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's settlement engine: the pure Tendermint {@link ConsensusCore} wired to real time, the
 * ledger, the mempool, the consensus WAL and (from the p2p layer) other validators. Runs on the
 * consensus thread only; other threads hand it messages through {@link #deliver}.
 *
 * <p>Order of effects: each signature is persisted by the guarded signer, then the signed message
 * and the lock are appended to the WAL; after the core's batch of actions, the WAL is fsynced
 * once, then messages leave, then blocks are executed and committed. After a crash at any point
 * the node re-sends identical messages and never a conflicting one.
 *
 * <p>Pacing: the core's commit timeout is the block interval; after it, the next height starts
 * only once transactions are waiting or the empty-block interval has passed (CometBFT's
 * {@code create_empty_blocks_interval}), so an idle chain makes heartbeat blocks, not a stream.
 */
public final class BftEngine implements ConsensusEngine, ConsensusInbox {
    private static final Logger LOG = LoggerFactory.getLogger(BftEngine.class);
    /**
     * Tendermint's liveness assumes every message eventually reaches every honest validator; a
     * validator that was down or partitioned missed them. So each validator re-sends what it
     * signed at the current height this often, as CometBFT's reactor keeps gossiping votes.
     */
    static final long REBROADCAST_INTERVAL_MS = 1_000;

    /**
     * Block pace and packing window, from the node configuration. {@code upkeepWaiting} says that work
     * done by blocks themselves is waiting on coming heights (verification requests whose deadlines are
     * counted in blocks): the next height then comes at the transaction pace, not the empty-block
     * heartbeat. Pacing is this node's choice of when to propose; it never changes what a block holds.
     */
    public record Pacing(long blockIntervalMs, long emptyBlockIntervalMs, int candidateWindow,
                         java.util.function.BooleanSupplier upkeepWaiting) {
        public Pacing {
            Objects.requireNonNull(upkeepWaiting, "upkeepWaiting");
        }

        /** Nothing but transactions hurries a block. */
        public Pacing(long blockIntervalMs, long emptyBlockIntervalMs, int candidateWindow) {
            this(blockIntervalMs, emptyBlockIntervalMs, candidateWindow, () -> false);
        }
    }

    /** Where this node's proposals and votes go; {@link #NONE} on a single-validator chain. */
    public interface Broadcaster {
        Broadcaster NONE = new Broadcaster() {
            @Override
            public void proposal(Proposal proposal, Block block) {}

            @Override
            public void vote(Vote vote) {}
        };

        void proposal(Proposal proposal, Block block);

        void vote(Vote vote);
    }

    /** Everything the engine is built from. */
    public record Components(Ledger ledger, Mempool mempool, BlockBuilder builder, BlockReplayer replayer,
                             ConsensusSigner signer, ChainParameters parameters, Settings timeouts, Pacing pacing,
                             ConsensusLog wal, List<FinalizationListener> listeners,
                             List<BlockProductionListener> producers, Consumer<DuplicateVoteEvidence> evidence,
                             Broadcaster broadcaster, MeterRegistry metrics) {
        public Components {
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(mempool, "mempool");
            Objects.requireNonNull(builder, "builder");
            Objects.requireNonNull(replayer, "replayer");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(pacing, "pacing");
            Objects.requireNonNull(wal, "wal");
            listeners = List.copyOf(listeners);
            producers = List.copyOf(producers);
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(broadcaster, "broadcaster");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    private final Components c;
    private final ConsensusContext context;
    private final ProposalCache proposals = new ProposalCache();
    private final ConsensusTimers timers = new ConsensusTimers();
    private final ConcurrentLinkedQueue<Inbound> inbox = new ConcurrentLinkedQueue<>();

    /** What other threads hand the consensus thread: a core event, maybe with the block it names. */
    private record Inbound(ConsensusEvent event, Block body) {}
    private ConsensusCore core;
    private ConsensusEvent.TimeoutFired heldCommit;
    private LockState loggedLock;
    private long nowMs;
    private long lastFinalizedAtMs = Long.MIN_VALUE;
    private boolean divergenceLogged;
    private boolean unsynced;
    private final List<ConsensusAction> ownMessages = new ArrayList<>();
    private long lastRebroadcastMs = Long.MIN_VALUE;
    private volatile long round;
    private volatile int step;
    private final Timer finalityLatency;
    private volatile boolean divergence;
    private volatile long refusedSignatures;

    public BftEngine(Components components) {
        this.c = components;
        this.context = new ConsensusContext(c.parameters().chainId(),
                new DecidedBlockSchedule(c.builder().schedule(), this::setChosenBy), c.timeouts(),
                new WalLoggingSigner(c.signer()), this::buildProposal, Ed25519::verify);
        Gauge.builder("mira_consensus_round", this, e -> e.round)
                .description("round of the height in progress (0 when blocks come in their first round)")
                .register(c.metrics());
        Gauge.builder("mira_consensus_step", this, e -> e.step)
                .description("step of the round in progress: 0 propose, 1 prevote, 2 precommit").register(c.metrics());
        this.finalityLatency = Timer.builder("mira_consensus_finality_latency")
                .description("from a block's timestamp (when its proposer built it) to its commit on this node")
                .publishPercentiles(0.5, 0.99).register(c.metrics());
        Gauge.builder("mira_consensus_execution_divergence", this, e -> e.divergence ? 1 : 0)
                .description("1 once this node computed a different state root than a proposal: it will not vote "
                        + "for such blocks and the chain stalls rather than forks")
                .register(c.metrics());
        Gauge.builder("mira_consensus_signatures_refused", this, e -> e.refusedSignatures)
                .description("signatures the double-sign guard refused (expected only right after a restart)")
                .register(c.metrics());
    }

    @Override
    public long finalizedHeight() {
        return c.ledger().finalizedHeight();
    }

    /** True once a proposal's state root disagreed with this node's execution of it. */
    public boolean executionDivergence() {
        return divergence;
    }

    /** For logs and failure reports: where the core is and what it waits for. */
    public String describe() {
        return core == null ? "not started" : core.describe() + " timers=" + timers.size() + " heldCommit="
                + (heldCommit != null);
    }

    /** From any thread: a vote (already checked by {@link network.mira.settlement.bft.VoteValidator}). */
    @Override
    public void deliverVote(Vote vote) {
        inbox.add(new Inbound(new ConsensusEvent.VoteReceived(Objects.requireNonNull(vote, "vote")), null));
    }

    /**
     * From any thread: a peer's proposal (already checked by
     * {@link network.mira.settlement.bft.ProposalValidator}) with its block, whose body must match
     * the header; the block is executed here before the core may prevote for it.
     */
    @Override
    public void deliverProposal(Proposal proposal, Block block) {
        requireBodyOf(proposal.block(), block);
        inbox.add(new Inbound(new ConsensusEvent.ProposalReceived(proposal), block));
    }

    /**
     * From any thread (block sync): a finalized block with its certificate. The core verifies the
     * certificate against the validator set; the block is re-executed and must reach the state
     * root in its header before it is committed.
     */
    @Override
    public void deliverDecision(Block block, CommitCertificate certificate) {
        inbox.add(new Inbound(new ConsensusEvent.DecisionReceived(block.header(), certificate), block));
    }

    /** The height this engine is deciding (last finalized + 1), for block sync. */
    @Override
    public long currentHeight() {
        return c.ledger().finalizedHeight() + 1;
    }

    private static void requireBodyOf(BlockHeader header, Block block) {
        if (!block.hash().equals(header.hash()) || !block.bodyMatchesHeader()) {
            throw new IllegalArgumentException("block " + block.hash() + " is not the body of " + header.hash());
        }
    }

    @Override
    public void onTick(long nowMs) {
        this.nowMs = nowMs;
        if (core == null) {
            resumeFromWal();
        }
        for (Inbound inbound = inbox.poll(); inbound != null; inbound = inbox.poll()) {
            if (inbound.body() != null) {
                proposals.putBody(inbound.body());
            }
            handle(inbound.event());
        }
        if (heldCommit != null && paceAllowsNextHeight()) {
            ConsensusEvent.TimeoutFired commit = heldCommit;
            heldCommit = null;
            handle(commit);
        }
        for (ConsensusEvent.TimeoutFired timeout : timers.due(nowMs)) {
            if (timeout.kind() == TimeoutKind.COMMIT && !paceAllowsNextHeight()) {
                heldCommit = timeout;
            } else {
                handle(timeout);
            }
        }
        rebroadcastIfDue();
    }

    private void rebroadcastIfDue() {
        if (lastRebroadcastMs != Long.MIN_VALUE && nowMs - lastRebroadcastMs < REBROADCAST_INTERVAL_MS) {
            return;
        }
        lastRebroadcastMs = nowMs;
        for (ConsensusAction message : ownMessages) {
            send(message);
        }
    }

    private void send(ConsensusAction message) {
        if (message instanceof ConsensusAction.BroadcastProposal broadcast) {
            Proposal proposal = broadcast.proposal();
            c.broadcaster().proposal(proposal, proposals.body(proposal.block().hash()));
        } else if (message instanceof ConsensusAction.BroadcastVote broadcast) {
            c.broadcaster().vote(broadcast.vote());
        }
    }

    private boolean paceAllowsNextHeight() {
        long since = nowMs - lastFinalizedAtMs;
        return lastFinalizedAtMs == Long.MIN_VALUE || since >= c.pacing().emptyBlockIntervalMs()
                || since >= c.pacing().blockIntervalMs()
                && (!c.mempool().isEmpty() || c.pacing().upkeepWaiting().getAsBoolean());
    }

    /**
     * Starts the height after the finalized head. Records of that height in the WAL are this
     * node's own messages and lock from before a crash: the core takes them back in, so it
     * re-sends and re-derives instead of signing anything new for a slot it already signed.
     */
    private void resumeFromWal() {
        long height = c.ledger().finalizedHeight() + 1;
        BlockHeader head = c.ledger().headHeader();
        List<ConsensusEvent> replay = new ArrayList<>();
        LockState restored = null;
        int stale = 0;
        for (byte[] raw : c.wal().recovered()) {
            WalRecord record = decode(raw);
            if (record.height() != height) {
                stale++;
                continue;
            }
            if (record instanceof WalRecord.OwnProposal own) {
                proposals.putBody(own.block());
                replay.add(new ConsensusEvent.ProposalReceived(own.proposal()));
            } else if (record instanceof WalRecord.OwnVote own) {
                replay.add(new ConsensusEvent.VoteReceived(own.vote()));
            } else if (record instanceof WalRecord.Lock lock) {
                restored = lock.state();
            }
        }
        if (stale > 0 && replay.isEmpty() && restored == null) {
            resetWal(); // a finalized height's records: the ledger holds the outcome
        }
        if (!replay.isEmpty() || restored != null) {
            LOG.info("resuming height {} from the consensus WAL: {} own messages, locked round {}", height,
                    replay.size(), restored == null ? -1 : restored.lockedRound());
        }
        core = new ConsensusCore(context, height, head.hash(), head.stateRoot(), restored);
        loggedLock = restored;
        perform(core.start(replay));
    }

    private static WalRecord decode(byte[] raw) {
        try {
            return WalRecordCodec.decode(raw);
        } catch (DecodeException e) {
            throw new IllegalStateException("consensus WAL is corrupt (" + e.getMessage() + "); it holds only "
                    + "the unfinished height: move consensus/wal aside and restart", e);
        }
    }

    private void handle(ConsensusEvent event) {
        perform(core.handle(event));
    }

    private void perform(List<ConsensusAction> actions) {
        writeAheadOfSending(actions);
        Deque<ConsensusEvent> followUps = new ArrayDeque<>();
        for (ConsensusAction action : actions) {
            if (action instanceof ConsensusAction.BroadcastProposal
                    || action instanceof ConsensusAction.BroadcastVote) {
                ownMessages.add(action);
                send(action);
                lastRebroadcastMs = nowMs; // just sent: the next re-send is a full interval away
            } else if (action instanceof ConsensusAction.ScheduleTimeout timeout) {
                timers.schedule(timeout, nowMs);
            } else if (action instanceof ConsensusAction.ExecuteBlock execute) {
                ConsensusEvent executed = execute(execute.proposal());
                if (executed != null) {
                    followUps.add(executed);
                }
            } else if (action instanceof ConsensusAction.Finalize finalize) {
                commit(finalize.block(), finalize.certificate());
            } else if (action instanceof ConsensusAction.ReportEvidence report) {
                LOG.warn("validator {} signed conflicting votes at height {} round {}: {}",
                        report.evidence().first().validator(), report.evidence().first().height(),
                        report.evidence().first().round(), report.evidence().first().step());
                c.evidence().accept(report.evidence());
            }
        }
        observeCore();
        for (ConsensusEvent followUp : followUps) {
            handle(followUp);
        }
    }

    /**
     * Everything logged while the core produced this batch (its signed messages, the lock) is made
     * durable with one fsync before any of it acts outside this process: before a message leaves
     * and before a block is committed. A vote the core counted only in memory needs no fsync: if
     * the process dies first, nobody saw it, and the signer still refuses a conflicting one.
     */
    private void writeAheadOfSending(List<ConsensusAction> actions) {
        logLockIfChanged();
        if (unsynced) {
            try {
                c.wal().sync();
            } catch (IOException e) {
                throw new UncheckedIOException("consensus WAL sync failed; refusing to send unlogged messages", e);
            }
            unsynced = false;
        }
    }

    private void logLockIfChanged() {
        LockState lock = core.lockState();
        boolean none = lock.lockedRound() == -1 && lock.validRound() == -1;
        if (!none && !lock.equals(loggedLock)) {
            append(new WalRecord.Lock(lock));
            loggedLock = lock;
        }
    }

    private void append(WalRecord record) {
        try {
            c.wal().append(WalRecordCodec.encode(record), false);
            unsynced = true;
        } catch (IOException e) {
            throw new UncheckedIOException("consensus WAL write failed; refusing to use an unlogged signature", e);
        }
    }

    /**
     * Every signature the core gets passes through here: after the guarded signer has persisted
     * it, the signed message (with the block, for a proposal) and the current lock are appended to
     * the WAL, to be fsynced before the batch acts outside the process. With one validator the core
     * signs a whole height inside one call, so logging at signing time, not after the call, is what
     * keeps every signed message in the log.
     */
    private final class WalLoggingSigner implements ConsensusSigner {
        private final ConsensusSigner guarded;

        WalLoggingSigner(ConsensusSigner guarded) {
            this.guarded = guarded;
        }

        @Override
        public PublicKey publicKey() {
            return guarded.publicKey();
        }

        @Override
        public Optional<LastSigned> lastSigned() {
            return guarded.lastSigned();
        }

        @Override
        public Signature sign(long height, int round, VoteStep step, byte[] signBytes)
                throws DoubleSignRefusedException {
            Signature signature = guarded.sign(height, round, step, signBytes);
            SignedValue value = SignedValue.of(signBytes);
            logLockIfChanged();
            if (step == VoteStep.PROPOSAL) {
                append(new WalRecord.OwnProposal(ownProposal(height, round, value, signature),
                        proposals.body(value.blockHash())));
            } else {
                append(new WalRecord.OwnVote(new Vote(height, round, step, value.blockHash(), value.stateRoot(),
                        guarded.publicKey(), signature)));
            }
            return signature;
        }

        /** The proposal the core is about to make: its block was just built, or is its valid value. */
        private Proposal ownProposal(long height, int round, SignedValue value, Signature signature) {
            Block body = proposals.body(value.blockHash());
            if (body == null) {
                throw new IllegalStateException("proposing " + value.blockHash() + " at height " + height
                        + " without its block");
            }
            LockState lock = core.lockState();
            boolean reproposal = lock.validValue() != null && lock.validValue().hash().equals(value.blockHash());
            return new Proposal(height, round, reproposal ? lock.validRound() : -1, body.header(),
                    guarded.publicKey(), signature);
        }
    }

    /** The core's own block builder: build on the finalized head from the mempool, at the tick's time. */
    private BlockHeader buildProposal(long height, Hash parentHash, Hash parentStateRoot, PublicKey proposer) {
        BuiltBlock built = c.builder().build(c.mempool().peek(c.pacing().candidateWindow()), nowMs, proposer);
        BlockHeader header = built.block().header();
        if (header.height() != height || !header.parentHash().equals(parentHash)) {
            throw new IllegalStateException("consensus is at height " + height + " on " + parentHash
                    + " but the ledger head builds " + header.height() + " on " + header.parentHash());
        }
        c.mempool().removeAll(built.dropped());
        for (BlockProductionListener producer : c.producers()) {
            notifySafely(() -> producer.onProduced(built), producer, height);
        }
        proposals.putExecuted(built);
        return header;
    }

    /** Executes a proposal this node did not build here; null while its body is still unknown. */
    private ConsensusEvent execute(Proposal proposal) {
        Hash hash = proposal.block().hash();
        BuiltBlock known = proposals.executed(hash);
        if (known != null) {
            return new ConsensusEvent.BlockExecuted(hash, known.state().stateRoot(), true);
        }
        Block body = proposals.body(hash);
        if (body == null) {
            return null; // the body comes with the proposal's block parts (p2p); until then: no vote
        }
        BlockReplayer.Replay replay = c.replayer().replay(body);
        if (!replay.valid()) {
            LOG.warn("not voting for proposal at height {} round {}: {}", proposal.height(), proposal.round(),
                    replay.refusal());
            return new ConsensusEvent.BlockExecuted(hash, Hash.ZERO, false);
        }
        proposals.putExecuted(replay.built());
        return new ConsensusEvent.BlockExecuted(hash, replay.built().state().stateRoot(), true);
    }

    /** The set a decided (not yet committed) block's execution chose; it is executed now if it was not. */
    private Optional<ValidatorSet> setChosenBy(BlockHeader decided) {
        BuiltBlock built = proposals.executed(decided.hash());
        if (built == null) {
            built = executeDecided(decided);
            proposals.putExecuted(built);
        }
        return built.nextValidatorSet();
    }

    private void commit(BlockHeader header, CommitCertificate certificate) {
        long started = System.nanoTime();
        BuiltBlock built = proposals.executed(header.hash());
        if (built == null) {
            built = executeDecided(header); // a decision from block sync: not executed here yet
        }
        FinalizedBlock finalized = FinalizedBlocks.of(built, certificate);
        c.ledger().commit(finalized, built.state());
        resetWal();
        loggedLock = null;
        lastFinalizedAtMs = nowMs;
        finalityLatency.record(Duration.ofMillis(Math.max(0, nowMs - header.timestampMs())));
        proposals.clear();
        ownMessages.clear();
        c.mempool().removeAll(built.results().stream().map(r -> r.signature()).toList());
        long elapsed = System.nanoTime() - started;
        for (FinalizationListener listener : c.listeners()) {
            notifySafely(() -> listener.onFinalized(finalized, elapsed), listener, header.height());
        }
    }

    /**
     * A block decided by a certificate but not executed here: execute it now. A body that does
     * not execute to the header's state root is a fault of this node (or of more than a third of
     * the stake), never something to commit: consensus halts with the reason.
     */
    private BuiltBlock executeDecided(BlockHeader header) {
        Block body = proposals.body(header.hash());
        if (body == null) {
            throw new IllegalStateException("block " + header.height() + " " + header.hash()
                    + " is decided but its body is unknown here");
        }
        BlockReplayer.Replay replay = c.replayer().replay(body);
        if (!replay.valid()) {
            throw new IllegalStateException("decided block cannot be executed here: " + replay.refusal());
        }
        if (!replay.built().state().stateRoot().equals(header.stateRoot())) {
            divergence = true;
            throw new IllegalStateException("EXECUTION DIVERGENCE: decided block " + header.height() + " "
                    + header.hash() + " has state root " + header.stateRoot() + ", this node computes "
                    + replay.built().state().stateRoot());
        }
        return replay.built();
    }

    private void resetWal() {
        try {
            c.wal().reset();
        } catch (IOException e) {
            throw new UncheckedIOException("consensus WAL reset failed", e);
        }
    }

    private void observeCore() {
        round = core.round();
        step = core.stepIndex();
        refusedSignatures = core.refusedSignatures();
        if (core.divergence() && !divergenceLogged) {
            divergenceLogged = true;
            divergence = true;
            LOG.error("EXECUTION DIVERGENCE at height {}: a proposal's state root differs from this node's "
                    + "execution; this node will not vote for it (the chain stalls rather than forks). "
                    + "Check the node version and data dir against the other validators.", core.height());
        }
    }

    /** Observers only observe: one that fails must not stop consensus. */
    private static void notifySafely(Runnable notification, Object observer, long height) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.error("observer {} failed on block {}: {}", observer, height, e.toString(), e);
        }
    }
}
