package network.mira.settlement.bft.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.settlement.bft.ConsensusAction;
import network.mira.settlement.bft.ConsensusContext;
import network.mira.settlement.bft.ConsensusCore;
import network.mira.settlement.bft.ConsensusEvent;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.LockState;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.ProposalValidator;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.bft.VoteValidator;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.evidence.EvidenceVerifier;

/**
 * A deterministic simulation of validators running {@link ConsensusCore}: one seeded PRNG, a
 * simulated clock (events ordered by time, then sequence), a network that delays, drops,
 * duplicates, reorders and partitions, crash and restart, byzantine equivocators, twins (two
 * nodes with one key) and nodes whose execution diverges. The same seed gives the same run.
 */
public final class Simulation {
    public static final String CHAIN_ID = "mira-sim";
    static final Hash GENESIS_HASH = Hash.sha256("genesis".getBytes(StandardCharsets.US_ASCII));
    static final Hash GENESIS_ROOT = Hash.sha256("genesis-state".getBytes(StandardCharsets.US_ASCII));
    private static final long GOSSIP_INTERVAL_MS = 200;
    private static final int EVENTS_MAX = 20_000_000;
    private static final int GOSSIP_MESSAGES_MAX = 4096;

    private record Event(long timeMs, long sequence, Runnable action) {}

    private record Decision(BlockHeader block, CommitCertificate certificate) {}

    /** Block sync stand-in: "I am at this height, send me its decision". */
    private record SyncRequest(long height) {}

    private final long seed;
    private final SplittableRandom random;
    private final ValidatorSet validatorSet;
    private final List<network.mira.core.crypto.PublicKey> validatorKeys;
    /** Which set decides each height; {@link #changeStakesAt} moves voting power at a boundary. */
    private ValidatorSchedule schedule;
    /** With {@link #enableStaking}: the staking rules, which then also decide the schedule. */
    private SimStaking staking;
    private final SimSignatures signatures;
    private final CertificateVerifier certificateVerifier;
    private final VoteValidator voteValidator;
    private final ProposalValidator proposalValidator;
    private final Settings settings = new Settings(300, 100, 200, 100, 200, 100, 10, 64, 10_000);
    private final List<SimNode> nodes = new ArrayList<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.timeMs != b.timeMs
            ? Long.compare(a.timeMs, b.timeMs) : Long.compare(a.sequence, b.sequence));
    private final List<DuplicateVoteEvidence> evidence = new ArrayList<>();
    private final SimEvidence blockEvidence;
    private long nowMs;
    private long sequence;
    private long eventsProcessed;
    private long messagesSent;
    private int[] partitionSide;
    private double dropProbability;
    private double duplicateProbability;
    private long delayMsMax = 20;
    /** When set, every message takes exactly this long (benchmarks); otherwise 1..delayMsMax. */
    private long fixedDelayMs = -1;

    /**
     * @param stakes     stake of each validator
     * @param nodeKeys   for each node, the index of the validator key it runs (twins share one)
     */
    public Simulation(long seed, long[] stakes, int[] nodeKeys, Set<Integer> byzantine, Set<Integer> divergent,
                      boolean realEd25519) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.signatures = new SimSignatures(realEd25519);
        List<KeyPair> keys = new ArrayList<>();
        List<Validator> members = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            byte[] keySeed = Hash.sha256(new ByteWriter(16).u64(seed).u64(i).toByteArray()).bytes();
            keys.add(KeyPair.fromSeed(keySeed));
            members.add(new Validator(keys.get(i).publicKey(), stakes[i]));
        }
        this.validatorKeys = keys.stream().map(KeyPair::publicKey).toList();
        this.validatorSet = new ValidatorSet(members);
        this.schedule = ValidatorSchedule.fixed(validatorSet);
        this.certificateVerifier = new CertificateVerifier(signatures);
        this.voteValidator = new VoteValidator(CHAIN_ID, h -> schedule.at(h), signatures);
        this.proposalValidator = new ProposalValidator(CHAIN_ID, h -> schedule.at(h), signatures);
        this.blockEvidence = new SimEvidence(new EvidenceVerifier(CHAIN_ID, validatorSet,
                EvidenceVerifier.DEFAULT_MAX_AGE_BLOCKS, signatures), nodeKeys.length);
        Map<Integer, Integer> keyUse = new HashMap<>();
        for (int keyIndex : nodeKeys) {
            keyUse.merge(keyIndex, 1, Integer::sum);
        }
        for (int i = 0; i < nodeKeys.length; i++) {
            boolean isByzantine = byzantine.contains(i);
            boolean twin = keyUse.get(nodeKeys[i]) > 1;
            SimSigner signer = new SimSigner(keys.get(nodeKeys[i]), signatures, !isByzantine);
            nodes.add(new SimNode(i, signer, isByzantine, twin, divergent.contains(i)));
        }
        this.partitionSide = new int[nodes.size()];
    }

    /** n validators of equal stake, one node each. */
    public static Simulation simple(long seed, int validators, Set<Integer> byzantine, boolean realEd25519) {
        long[] stakes = new long[validators];
        int[] nodeKeys = new int[validators];
        for (int i = 0; i < validators; i++) {
            stakes[i] = 10;
            nodeKeys[i] = i;
        }
        return new Simulation(seed, stakes, nodeKeys, byzantine, Set.of(), realEd25519);
    }

    public long seed() {
        return seed;
    }

    public long nowMs() {
        return nowMs;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public SplittableRandom random() {
        return random;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public List<DuplicateVoteEvidence> evidence() {
        return evidence;
    }

    /** Distinct evidence inside blocks finalized by honest nodes, in canonical form. */
    public List<DuplicateVoteEvidence> includedEvidence() {
        TreeMap<Hash, DuplicateVoteEvidence> included = new TreeMap<>();
        for (SimNode node : nodes) {
            if (node.isHonest()) {
                for (BlockHeader block : node.chain) {
                    blockEvidence.evidenceIn(block).forEach(e -> included.put(e.hash(), e));
                }
            }
        }
        return new ArrayList<>(included.values());
    }

    public void start() {
        for (SimNode node : nodes) {
            boot(node);
        }
        at(GOSSIP_INTERVAL_MS, this::gossip);
    }

    // ---- fault controls ----

    public void crashAt(long timeMs, int node) {
        at(timeMs, () -> {
            SimNode target = nodes.get(node);
            target.up = false;
            target.incarnation++;
        });
    }

    public void restartAt(long timeMs, int node) {
        at(timeMs, () -> {
            if (!nodes.get(node).up) {
                boot(nodes.get(node));
            }
        });
    }

    /** Nodes on different sides cannot talk; side 0 for everyone heals it. */
    public void partitionAt(long timeMs, int[] sides) {
        at(timeMs, () -> partitionSide = sides.clone());
    }

    public void healAt(long timeMs) {
        at(timeMs, () -> {
            partitionSide = new int[nodes.size()];
            dropProbability = 0;
            duplicateProbability = 0;
        });
    }

    public void lossyAt(long timeMs, double drop, double duplicate) {
        at(timeMs, () -> {
            dropProbability = drop;
            duplicateProbability = duplicate;
        });
    }

    /**
     * From {@code height} on, the same validators decide with {@code stakes}: stake moved between
     * them at an epoch boundary. Call before {@link #start}.
     */
    public void changeStakesAt(long height, long[] stakes) {
        if (stakes.length != validatorSet.size()) {
            throw new IllegalArgumentException("one stake per validator: " + validatorSet.size() + ", got "
                    + stakes.length);
        }
        List<Validator> members = new ArrayList<>();
        for (Validator validator : validatorSet.validators()) {
            members.add(new Validator(validator.key(), stakes[keyIndex(validator.key())]));
        }
        ValidatorSet before = validatorSet;
        ValidatorSet after = new ValidatorSet(members);
        this.schedule = h -> h >= height ? after : before;
    }

    /**
     * Runs the staking rules on the finalized chain (downtime jailing, double-sign slashing and
     * tombstoning, epoch transitions) and lets them choose each epoch's validator set. Call before
     * {@link #start}.
     */
    public void enableStaking(StakingParameters parameters) {
        staking = new SimStaking(parameters, validatorSet);
        schedule = staking;
    }

    /** The staking state after the last finalized height, with {@link #enableStaking}. */
    public StakingState stakingState() {
        if (staking == null) {
            throw new IllegalStateException("staking is not enabled");
        }
        return staking.state();
    }

    /** The validator set that decides {@code height}. */
    public ValidatorSet validatorsAt(long height) {
        return schedule.at(height);
    }

    private int keyIndex(network.mira.core.crypto.PublicKey key) {
        for (int i = 0; i < validatorKeys.size(); i++) {
            if (validatorKeys.get(i).equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a validator: " + key);
    }

    public void setDelayMsMax(long delayMsMax) {
        this.delayMsMax = delayMsMax;
        this.fixedDelayMs = -1;
    }

    /** Every message takes exactly {@code delayMs} (0 = delivered at the instant it is sent). */
    public void setFixedDelayMs(long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMs);
        }
        this.fixedDelayMs = delayMs;
    }

    // ---- running ----

    public void runUntil(long timeMs) {
        while (!queue.isEmpty() && queue.peek().timeMs <= timeMs) {
            step();
        }
        nowMs = Math.max(nowMs, timeMs);
    }

    /** Runs until every honest node that is up has finalized {@code height}; false on the time limit. */
    public boolean runUntilHeight(long height, long timeLimitMs) {
        while (!queue.isEmpty() && queue.peek().timeMs <= timeLimitMs) {
            if (honestUpMinHeight() >= height) {
                return true;
            }
            step();
        }
        return honestUpMinHeight() >= height;
    }

    private void step() {
        Event event = queue.poll();
        if (++eventsProcessed > EVENTS_MAX) {
            throw new IllegalStateException("seed " + seed + ": more than " + EVENTS_MAX + " events");
        }
        nowMs = event.timeMs;
        event.action.run();
    }

    public long honestUpMinHeight() {
        long min = Long.MAX_VALUE;
        for (SimNode node : nodes) {
            if (node.up && node.isHonest()) {
                min = Math.min(min, node.chain.size());
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** The validator key {@code node} signs with. */
    public network.mira.core.crypto.PublicKey nodeKey(int node) {
        return nodes.get(node).signer.publicKey();
    }

    /** The certificate {@code node} stored for {@code height} (1-based). */
    public CommitCertificate certificate(int node, long height) {
        return nodes.get(node).certificates.get(Math.toIntExact(height - 1));
    }

    public long finalizedHeight(int node) {
        return nodes.get(node).chain.size();
    }

    public String describe() {
        StringBuilder text = new StringBuilder("t=" + nowMs);
        for (SimNode node : nodes) {
            text.append(" | node ").append(node.index).append(node.up ? " up " : " down ").append(node.core.describe());
        }
        return text.toString();
    }

    public boolean divergenceAlarm(int node) {
        return nodes.get(node).core.divergence();
    }

    private void at(long timeMs, Runnable action) {
        queue.add(new Event(timeMs, sequence++, action));
    }

    // ---- nodes ----

    private void boot(SimNode node) {
        node.up = true;
        node.incarnation++;
        long height = node.chain.size() + 1L;
        Hash parent = node.chain.isEmpty() ? GENESIS_HASH : node.chain.get(node.chain.size() - 1).hash();
        BlockBuilderImpl builder = new BlockBuilderImpl(node.index);
        ConsensusContext context = new ConsensusContext(CHAIN_ID, schedule, settings, node.signer, builder, signatures);
        node.core = new ConsensusCore(context, height, parent, node.stateRoot(), node.lock);
        node.gossipMessages.clear();
        List<ConsensusEvent> replayed = new ArrayList<>();
        for (Object own : node.wal) {
            if (own instanceof Proposal proposal && proposal.height() == height) {
                replayed.add(new ConsensusEvent.ProposalReceived(proposal));
            } else if (own instanceof Vote vote && vote.height() == height) {
                replayed.add(new ConsensusEvent.VoteReceived(vote));
            }
        }
        perform(node, node.core.start(replayed));
    }

    private final class BlockBuilderImpl implements network.mira.settlement.bft.BlockBuilder {
        private final int nodeIndex;

        BlockBuilderImpl(int nodeIndex) {
            this.nodeIndex = nodeIndex;
        }

        @Override
        public BlockHeader build(long height, Hash parentHash, Hash parentStateRoot, network.mira.core.crypto.PublicKey proposer) {
            // The node index is in the payload so that twins propose different blocks.
            Hash payload = Hash.sha256(new ByteWriter(24).u64(height).u64(nodeIndex).u64(seed).toByteArray());
            return blockEvidence.withEvidence(nodeIndex, new BlockHeader(BlockHeader.VERSION, height, parentHash,
                    execute(parentStateRoot, payload, nodes.get(nodeIndex).divergent),
                    payload, height, proposer, schedule.at(height).hash(), 0));
        }
    }

    static Hash execute(Hash parentStateRoot, Hash payload, boolean divergent) {
        Hash root = Hash.sha256(parentStateRoot.bytes(), payload.bytes());
        return divergent ? Hash.sha256(root.bytes(), root.bytes()) : root;
    }

    private void handle(SimNode node, ConsensusEvent event) {
        if (node.up) {
            perform(node, node.core.handle(event));
        }
    }

    private void perform(SimNode node, List<ConsensusAction> actions) {
        for (ConsensusAction action : actions) {
            if (action instanceof ConsensusAction.BroadcastProposal broadcast) {
                node.wal.add(broadcast.proposal());
                remember(node, broadcast.proposal());
                if (node.byzantine) {
                    proposeConflicting(node, broadcast.proposal());
                } else {
                    sendToAll(node, broadcast.proposal());
                }
            } else if (action instanceof ConsensusAction.BroadcastVote broadcast) {
                node.wal.add(broadcast.vote());
                remember(node, broadcast.vote());
                sendToAll(node, broadcast.vote());
                if (node.byzantine && broadcast.vote().step() == VoteStep.PREVOTE) {
                    equivocate(node, broadcast.vote());
                }
            } else if (action instanceof ConsensusAction.ScheduleTimeout timeout) {
                int incarnation = node.incarnation;
                at(nowMs + timeout.durationMs(), () -> {
                    if (node.incarnation == incarnation) {
                        handle(node, new ConsensusEvent.TimeoutFired(timeout.height(), timeout.round(), timeout.kind()));
                    }
                });
            } else if (action instanceof ConsensusAction.ExecuteBlock execute) {
                BlockHeader block = execute.proposal().block();
                Hash root = execute(node.stateRoot(), block.transactionsRoot(), node.divergent);
                int incarnation = node.incarnation;
                at(nowMs, () -> {
                    if (node.incarnation == incarnation) {
                        handle(node, new ConsensusEvent.BlockExecuted(block.hash(), root,
                                blockEvidence.valid(node.index, block)));
                    }
                });
            } else if (action instanceof ConsensusAction.Finalize finalize) {
                if (finalize.block().height() != node.chain.size() + 1) {
                    throw new AssertionError("seed " + seed + ": node " + node.index + " finalized out of order");
                }
                node.chain.add(finalize.block());
                node.certificates.add(finalize.certificate());
                blockEvidence.finalized(node.index, finalize.block());
                if (staking != null && node.isHonest()) {
                    staking.onFinalized(finalize.block(), finalize.certificate(),
                            blockEvidence.evidenceIn(finalize.block()));
                }
                node.gossipMessages.clear();
                node.wal.clear();
            } else if (action instanceof ConsensusAction.ReportEvidence report) {
                evidence.add(report.evidence());
                blockEvidence.report(node.index, report.evidence(), node.chain.size());
            }
        }
        if (node.up) {
            node.lock = node.core.lockState(); // with node.wal, what the node's consensus WAL holds
        }
    }

    private void relay(SimNode node, Object message) {
        long height = message instanceof Vote vote ? vote.height() : ((Proposal) message).height();
        if (height == node.core.height()) {
            remember(node, message);
        }
    }

    private void remember(SimNode node, Object message) {
        // Gossip must eventually deliver every vote of the height, also those of a node that crashed
        // since: a proof of lock may need an old prevote. So nodes relay what they received, as
        // CometBFT's reactor does, up to a bound.
        if (node.gossipMessages.size() < GOSSIP_MESSAGES_MAX) {
            node.gossipMessages.add(message);
        }
    }

    /** The byzantine proposer signs a second, valid block for the same round; each peer gets one of the two. */
    private void proposeConflicting(SimNode node, Proposal proposal) {
        BlockHeader block = proposal.block();
        Hash payload = Hash.sha256(block.transactionsRoot().bytes());
        BlockHeader other = new BlockHeader(block.version(), block.height(), block.parentHash(),
                execute(node.stateRoot(), payload, false), payload, block.timestampMs(), block.proposer(),
                block.validatorSetHash(), 0);
        Proposal conflicting = new Proposal(proposal.height(), proposal.round(), proposal.validRound(), other,
                proposal.proposer(), node.signer.signUnguarded(proposal.height(), proposal.round(), VoteStep.PROPOSAL,
                Proposal.signBytes(CHAIN_ID, proposal.height(), proposal.round(), other)));
        for (SimNode peer : nodes) {
            if (peer != node) {
                send(node, peer, random.nextBoolean() ? proposal : conflicting);
            }
        }
    }

    /** The byzantine validator signs a second, different prevote and sends it to a random half. */
    private void equivocate(SimNode node, Vote vote) {
        Hash other = vote.isNil() ? Hash.sha256(vote.signature().bytes()) : Hash.ZERO;
        Vote unsigned = new Vote(vote.height(), vote.round(), VoteStep.PREVOTE, other, other, vote.validator(), vote.signature());
        Vote conflicting = new Vote(vote.height(), vote.round(), VoteStep.PREVOTE, other, other, vote.validator(),
                node.signer.signUnguarded(vote.height(), vote.round(), VoteStep.PREVOTE, unsigned.signBytes(CHAIN_ID)));
        for (SimNode peer : nodes) {
            if (peer != node && random.nextBoolean()) {
                send(node, peer, conflicting);
            }
        }
    }

    private void gossip() {
        for (SimNode node : nodes) {
            if (staking != null && node.up && node.isHonest()) {
                staking.unjailIfDue(node.signer.publicKey());
            }
        }
        for (SimNode node : nodes) {
            if (node.up) {
                // one random peer per tick keeps a long stall from flooding the simulation
                SimNode peer = nodes.get(random.nextInt(nodes.size()));
                if (peer != node) {
                    for (Object message : List.copyOf(node.gossipMessages)) {
                        send(node, peer, message);
                    }
                }
            }
        }
        at(nowMs + GOSSIP_INTERVAL_MS, this::gossip);
    }

    private void sendToAll(SimNode from, Object message) {
        for (SimNode peer : nodes) {
            if (peer != from) {
                send(from, peer, message);
            }
        }
    }

    private void send(SimNode from, SimNode to, Object message) {
        messagesSent++;
        if (random.nextDouble() < dropProbability) {
            return;
        }
        int copies = random.nextDouble() < duplicateProbability ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = fixedDelayMs >= 0 ? fixedDelayMs : 1 + random.nextLong(delayMsMax);
            at(nowMs + delay, () -> deliver(from, to, message));
        }
    }

    private void deliver(SimNode from, SimNode to, Object message) {
        if (!to.up || partitionSide[from.index] != partitionSide[to.index]) {
            return;
        }
        if (message instanceof Decision decision) {
            handle(to, new ConsensusEvent.DecisionReceived(decision.block(), decision.certificate()));
            return;
        }
        if (message instanceof SyncRequest request) {
            if (to.chain.size() >= request.height()) {
                helpCatchUp(to, from, request.height());
            }
            return;
        }
        long height = message instanceof Vote vote ? vote.height() : ((Proposal) message).height();
        if (height < to.core.height()) {
            helpCatchUp(to, from, height);
            return;
        }
        if (height > to.core.height()) {
            requestSync(to, from);
        }
        if (height == to.core.height() && to.gossipMessages.contains(message)) {
            return; // already handled and being relayed
        }
        if (message instanceof Vote vote) {
            if (voteValidator.validate(vote).isEmpty()) {
                relay(to, vote);
                handle(to, new ConsensusEvent.VoteReceived(vote));
            }
        } else if (proposalValidator.validate((Proposal) message).isEmpty()) {
            relay(to, message);
            handle(to, new ConsensusEvent.ProposalReceived((Proposal) message));
        }
    }

    private void requestSync(SimNode self, SimNode peer) {
        Long last = self.syncRequestedMs.get(peer.index);
        if (last != null && nowMs - last < GOSSIP_INTERVAL_MS / 2) {
            return;
        }
        self.syncRequestedMs.put(peer.index, nowMs);
        send(self, peer, new SyncRequest(self.core.height()));
    }

    /** Block sync stand-in: a peer behind us gets the decision it is missing. */
    private void helpCatchUp(SimNode self, SimNode peer, long height) {
        Long last = self.syncSentMs.get(peer.index);
        if (last != null && nowMs - last < GOSSIP_INTERVAL_MS / 2) {
            return;
        }
        self.syncSentMs.put(peer.index, nowMs);
        int index = (int) height - 1;
        send(self, peer, new Decision(self.chain.get(index), self.certificates.get(index)));
    }

    // ---- checking ----

    /** Checks safety, honest double signs and certificates; liveness is the caller's bound. */
    public SimReport check() {
        List<String> safety = new ArrayList<>();
        TreeMap<Integer, Hash> decided = new TreeMap<>();
        long heights = Long.MAX_VALUE;
        for (SimNode node : nodes) {
            if (!node.isHonest()) {
                continue;
            }
            heights = Math.min(heights, node.chain.size());
            for (int h = 0; h < node.chain.size(); h++) {
                Hash hash = node.chain.get(h).hash();
                Hash earlier = decided.putIfAbsent(h + 1, hash);
                if (earlier != null && !earlier.equals(hash)) {
                    safety.add("height " + (h + 1) + ": " + earlier + " vs " + hash + " (node " + node.index + ")");
                }
                try {
                    certificateVerifier.verify(CHAIN_ID, node.chain.get(h), node.certificates.get(h),
                            schedule.at(h + 1L));
                } catch (InvalidCertificateException e) {
                    safety.add("node " + node.index + " height " + (h + 1) + " certificate: " + e.getMessage());
                }
            }
        }
        List<String> doubleSigns = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node.isHonest()) {
                doubleSigns.addAll(doubleSigns(node));
            }
        }
        return new SimReport(seed, heights == Long.MAX_VALUE ? 0 : heights, safety, doubleSigns, evidence.size(),
                includedEvidence().size(), messagesSent, staking == null ? 0 : staking.validatorsSlashed(),
                staking == null ? 0 : staking.validatorsJailed());
    }

    private List<String> doubleSigns(SimNode node) {
        Map<String, byte[]> bySlot = new HashMap<>();
        List<String> found = new ArrayList<>();
        for (SimSigner.Signed signed : node.signer.log()) {
            String slot = signed.height() + "/" + signed.round() + "/" + signed.step();
            byte[] earlier = bySlot.putIfAbsent(slot, signed.signBytes());
            if (earlier != null && !java.util.Arrays.equals(earlier, signed.signBytes())) {
                found.add("node " + node.index + " signed twice at " + slot);
            }
        }
        return found;
    }

    private static final class SimNode {
        final int index;
        final SimSigner signer;
        final boolean byzantine;
        final boolean twin;
        final boolean divergent;
        final List<BlockHeader> chain = new ArrayList<>();
        final List<CommitCertificate> certificates = new ArrayList<>();
        final LinkedHashSet<Object> gossipMessages = new LinkedHashSet<>();
        final Map<Integer, Long> syncSentMs = new HashMap<>();
        final Map<Integer, Long> syncRequestedMs = new HashMap<>();
        /** This node's own proposals and votes of its current height: the simulated consensus WAL. */
        final LinkedHashSet<Object> wal = new LinkedHashSet<>();
        ConsensusCore core;
        LockState lock;
        boolean up;
        int incarnation;

        SimNode(int index, SimSigner signer, boolean byzantine, boolean twin, boolean divergent) {
            this.index = index;
            this.signer = signer;
            this.byzantine = byzantine;
            this.twin = twin;
            this.divergent = divergent;
        }

        boolean isHonest() {
            return !byzantine && !twin && !divergent;
        }

        Hash stateRoot() {
            return chain.isEmpty() ? GENESIS_ROOT : chain.get(chain.size() - 1).stateRoot();
        }
    }
}
