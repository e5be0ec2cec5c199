package network.mira.settlement.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import network.mira.config.Genesis;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.KeyPair;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.ProposalValidator;
import network.mira.settlement.bft.Settings;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.bft.VoteValidator;
import network.mira.settlement.bft.wal.ConsensusWal;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.mempool.TransactionAdmission;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.signer.GuardedSigner;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real engines (each with its own RocksDB, WAL and guarded signer) wired by an in-memory
 * broadcaster that checks every message with the validators the p2p layer will use: the
 * multi-validator path of the node short of sockets. Blocks are proposed in turn, executed by
 * every validator before it votes, and finalized with identical hashes and state roots; a node
 * that was down catches up from the others' finalized blocks and certificates (block sync).
 */
class BftEngineNetworkTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long GENESIS_TIME = 1_764_115_200_000L;
    private static final long TICK_MS = 50;
    private static final Settings TIMEOUTS = new Settings(1000, 200, 500, 200, 500, 200, 100, 64, 10_000);

    @TempDir
    Path dir;

    private final List<KeyPair> keys = List.of(KeyPair.generate(RANDOM), KeyPair.generate(RANDOM),
            KeyPair.generate(RANDOM), KeyPair.generate(RANDOM));
    private final KeyPair faucet = KeyPair.generate(RANDOM);
    private final Genesis genesis = new Genesis("mira-bft-net", GENESIS_TIME, 5_000, 300,
            Genesis.ComputeLimits.DEFAULTS, Optional.empty(),
            List.of(new Genesis.GenesisAccount(faucet.publicKey(), 1_000_000_000_000L)),
            keys.stream().map(k -> new Genesis.GenesisValidator(k.publicKey(), 100)).toList());
    private final List<Node> nodes = new ArrayList<>();
    private final Set<Integer> down = new java.util.HashSet<>();
    private long now = GENESIS_TIME;

    private final class Node implements AutoCloseable, BftEngine.Broadcaster {
        final int index;
        final RocksKeyValueStore store;
        final Ledger ledger;
        final ChainParameters parameters;
        final ParallelBlockExecutor executor;
        final ConsensusWal wal;
        final Mempool mempool;
        final BftEngine engine;
        final VoteValidator votes;
        final ProposalValidator proposals;
        final List<Vote> sentVotes = new java.util.concurrent.CopyOnWriteArrayList<>();
        int sentProposals;

        Node(int index) throws IOException {
            this(index, keys.get(index));
        }

        /** A node whose key may not be in the validator set (a follower). */
        Node(int index, KeyPair key) throws IOException {
            this.index = index;
            Path base = dir.resolve("node" + index);
            store = RocksKeyValueStore.open(base.resolve("db"));
            ledger = new Ledger(store);
            parameters = GenesisInitializer.openOrInitialize(ledger, genesis);
            ProgramRegistry programs =
                    new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime()));
            executor = new ParallelBlockExecutor(new TransactionExecutor(programs, SystemProgram.ID), 2);
            wal = ConsensusWal.open(base.resolve("wal"));
            mempool = new Mempool(new TransactionAdmission(new LedgerChainView(ledger, parameters), programs,
                    SystemProgram.ID), 1_000, new SimpleMeterRegistry());
            BlockBuilder builder = BlockBuilder.create(ledger, executor, parameters, 1_000);
            engine = new BftEngine(new BftEngine.Components(ledger, mempool, builder,
                    new BlockReplayer(ledger, executor::executeVerified, builder, parameters),
                    GuardedSigner.open(key, base.resolve("last-sign.bin")), parameters, TIMEOUTS,
                    new BftEngine.Pacing(100, 400, 1_000), wal, List.of(), List.of(), evidence -> { }, this,
                    new SimpleMeterRegistry()));
            votes = new VoteValidator(genesis.chainId(), parameters.validators(), Ed25519::verify);
            proposals = new ProposalValidator(genesis.chainId(), parameters.validators(), Ed25519::verify);
        }

        @Override
        public void proposal(Proposal proposal, Block block) {
            sentProposals++;
            for (Node peer : liveNodes()) {
                if (peer != this && peer.proposals.validate(proposal).isEmpty()) {
                    peer.engine.deliverProposal(proposal, block);
                }
            }
        }

        @Override
        public void vote(Vote vote) {
            sentVotes.add(vote);
            for (Node peer : liveNodes()) {
                if (peer != this && peer.votes.validate(vote).isEmpty()) {
                    peer.engine.deliverVote(vote);
                }
            }
        }

        @Override
        public void close() throws IOException {
            wal.close();
            executor.close();
            store.close();
        }
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Node node : nodes) {
            node.close();
        }
    }

    private List<Node> liveNodes() {
        return nodes.stream().filter(n -> !down.contains(n.index)).toList();
    }

    private void start() throws IOException {
        for (int i = 0; i < keys.size(); i++) {
            nodes.add(new Node(i));
        }
    }

    /** Ticks every live node until all of them finalized {@code height}; false after the bound. */
    private boolean runUntil(long height, int maxTicks) {
        for (int tick = 0; tick < maxTicks; tick++) {
            if (liveNodes().stream().allMatch(n -> n.ledger.finalizedHeight() >= height)) {
                return true;
            }
            now += TICK_MS;
            for (Node node : liveNodes()) {
                node.engine.onTick(now);
            }
        }
        return liveNodes().stream().allMatch(n -> n.ledger.finalizedHeight() >= height);
    }

    @Test
    void fourValidatorsFinalizeTheSameBlocksAndApplyATransferEverywhere() throws Exception {
        start();
        KeyPair bob = KeyPair.generate(RANDOM);
        assertThat(runUntil(2, 400)).as(describe()).isTrue();
        Node entry = nodes.get(1);
        Transaction payment = Transaction.sign(MessageCompiler.compileLegacy(faucet.publicKey(),
                List.of(SystemProgram.transfer(faucet.publicKey(), bob.publicKey(), 777)), entry.ledger.head().hash()),
                List.of(faucet));
        assertThat(entry.mempool.submit(payment.serialize()).isAccepted()).isTrue();
        // The transaction waits at node 1 until node 1 proposes; every validator proposes in turn.
        assertThat(runUntil(10, 2_000)).as(describe()).isTrue();

        for (Node node : nodes) {
            assertThat(node.ledger.get(bob.publicKey()).map(Account::lamports)).as("node %d", node.index)
                    .contains(777L);
        }
        assertSameChain(10);
        assertThat(nodes.stream().map(n -> n.engine.executionDivergence())).containsOnly(false);
        // Proposers rotate: the blocks were not all built by one validator.
        assertThat(java.util.stream.LongStream.rangeClosed(1, 10)
                .mapToObj(h -> nodes.get(0).ledger.block(h).orElseThrow().header().proposer()).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void oneOfFourDownKeepsFinalizingAndTheLaggardCatchesUpByBlockSync() throws Exception {
        start();
        down.add(3);
        assertThat(runUntil(6, 3_000)).as(describe()).isTrue();
        assertThat(nodes.get(3).ledger.finalizedHeight()).isZero();

        down.remove(3);
        Node laggard = nodes.get(3);
        Node source = nodes.get(0);
        // Block sync: the finalized blocks with their certificates, in order, through the engine.
        for (long height = 1; height <= source.ledger.finalizedHeight(); height++) {
            laggard.engine.deliverDecision(source.ledger.block(height).orElseThrow(),
                    source.ledger.certificate(height).orElseThrow());
            now += TICK_MS;
            laggard.engine.onTick(now);
        }
        assertThat(laggard.ledger.finalizedHeight()).isEqualTo(source.ledger.finalizedHeight());
        assertThat(laggard.ledger.state().root()).isEqualTo(source.ledger.state().root());

        long target = source.ledger.finalizedHeight() + 3;
        assertThat(runUntil(target, 3_000)).as(describe()).isTrue();
        assertSameChain(target);
    }

    @Test
    void twoOfFourDownStallsWithoutForkingAndResumes() throws Exception {
        start();
        assertThat(runUntil(2, 400)).as(describe()).isTrue();
        down.add(2);
        down.add(3);
        long stalledAt = nodes.get(0).ledger.finalizedHeight();
        assertThat(runUntil(stalledAt + 1, 400)).as("half the stake is down: no quorum").isFalse();
        assertThat(nodes.get(0).ledger.finalizedHeight()).isEqualTo(stalledAt);
        assertThat(nodes.get(1).ledger.finalizedHeight()).isEqualTo(stalledAt);

        down.clear();
        for (Node node : List.of(nodes.get(2), nodes.get(3))) {
            for (long height = node.ledger.finalizedHeight() + 1; height <= stalledAt; height++) {
                node.engine.deliverDecision(nodes.get(0).ledger.block(height).orElseThrow(),
                        nodes.get(0).ledger.certificate(height).orElseThrow());
                now += TICK_MS;
                node.engine.onTick(now);
            }
        }
        // Round timeouts grew while stalled; the validators meet again in a later round.
        assertThat(runUntil(stalledAt + 2, 6_000)).as(describe()).isTrue();
        assertSameChain(stalledAt + 2);
    }

    @Test
    void aFollowerDecidesTheSameBlocksFromTheValidatorsVotesWithoutVoting() throws Exception {
        start();
        Node follower = new Node(4, KeyPair.generate(RANDOM));
        nodes.add(follower);
        assertThat(runUntil(5, 2_000)).as(describe()).isTrue();
        assertThat(follower.ledger.finalizedHeight()).isGreaterThanOrEqualTo(5);
        assertSameChain(5);
        assertThat(follower.sentVotes).as("a follower never votes").isEmpty();
        assertThat(follower.sentProposals).isZero();
        assertThat(nodes.get(0).sentVotes).isNotEmpty();
    }

    private void assertSameChain(long upTo) throws Exception {
        CertificateVerifier certificates = new CertificateVerifier(Ed25519::verify);
        for (long height = 1; height <= upTo; height++) {
            Block reference = nodes.get(0).ledger.block(height).orElseThrow();
            for (Node node : nodes) {
                Block block = node.ledger.block(height).orElseThrow();
                assertThat(block.hash()).as("block %d at node %d", height, node.index).isEqualTo(reference.hash());
                certificates.verify(genesis.chainId(), block.header(), node.ledger.certificate(height).orElseThrow(),
                        node.parameters.validators());
            }
        }
    }

    private String describe() {
        StringBuilder text = new StringBuilder("t=" + (now - GENESIS_TIME));
        for (Node node : nodes) {
            text.append(" | node ").append(node.index).append(down.contains(node.index) ? " down " : " up ")
                    .append(node.ledger.finalizedHeight()).append(' ').append(node.engine.describe());
        }
        return text.toString();
    }
}
