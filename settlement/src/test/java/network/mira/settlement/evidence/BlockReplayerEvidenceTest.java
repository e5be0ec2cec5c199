package network.mira.settlement.evidence;

import static network.mira.settlement.evidence.EvidenceFixtures.equivocation;
import static network.mira.settlement.evidence.TestChain.CHAIN_ID;
import static network.mira.settlement.evidence.TestChain.EQUIVOCATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BlockReplayer;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A received block is voted for only if every evidence item in it verifies. */
class BlockReplayerEvidenceTest {
    @TempDir
    Path dir;
    private TestChain chain;
    private BlockReplayer replayer;
    private SerialBlockExecutor executor;

    @BeforeEach
    void open() {
        chain = new TestChain(dir.resolve("db"), 10);
        executor = new SerialBlockExecutor(new TransactionExecutor(
                new ProgramRegistry(List.of(new SystemProgramRuntime())), SystemProgram.ID));
        // Signatures are beside the point here: the blocks hold no transactions.
        replayer = new BlockReplayer(chain.ledger, (transactions, verified, state, block) -> executor.execute(
                transactions, state, block), chain.builder, chain.parameters);
        chain.produce();
    }

    @AfterEach
    void close() {
        chain.close();
    }

    /** What a proposer whose evidence source hands out {@code evidence} unverified would propose. */
    private Block proposalWith(DuplicateVoteEvidence... evidence) {
        BlockBuilder careless = BlockBuilder.create(chain.ledger, executor, chain.parameters, 10,
                (height, max) -> List.of(evidence));
        return careless.build(List.of(), TestChain.GENESIS_TIME_MS + 5_000, TestChain.PROPOSER.publicKey()).block();
    }

    @Test
    void aBlockWithValidEvidenceMayBeVotedFor() {
        BlockReplayer.Replay replay = replayer.replay(proposalWith(equivocation(EQUIVOCATOR, CHAIN_ID, 1, "a")));
        assertThat(replay.valid()).as(String.valueOf(replay.refusal())).isTrue();
        assertThat(replay.built().block().evidence()).hasSize(1);
    }

    @Test
    void aBlockWithEvidenceThatDoesNotVerifyIsRefusedNamingTheItemAndReason() {
        Block block = proposalWith(equivocation(EQUIVOCATOR, CHAIN_ID, 1, "a"),
                equivocation(EQUIVOCATOR, "another-chain", 1, "b"));
        assertThat(block.evidence()).as("the builder does not check signatures").hasSize(2);

        BlockReplayer.Replay replay = replayer.replay(block);

        assertThat(replay.valid()).isFalse();
        assertThat(replay.refusal()).contains("evidence ").contains(" refused: INVALID_SIGNATURE: ");
    }

    @Test
    void aBlockRepeatingIncludedEvidenceIsRefused() {
        DuplicateVoteEvidence evidence = equivocation(EQUIVOCATOR, CHAIN_ID, 1, "a");
        chain.pool.add(evidence);
        assertThat(chain.produce().block().evidence()).hasSize(1);

        // The builder itself leaves included evidence out; a proposal made elsewhere may not.
        assertThat(proposalWith(evidence).evidence()).isEmpty();
        Block repeated = proposalWithoutBuilderChecks(evidence);
        BlockReplayer.Replay replay = replayer.replay(repeated);

        assertThat(replay.valid()).isFalse();
        assertThat(replay.refusal()).endsWith("evidence 0 refused: DUPLICATE: evidence " + evidence.hash()
                + " is already in a finalized block");
    }

    @Test
    void aVersionTwoBlockIsStillAcceptedOnAChainWithoutStaking() {
        // A chain begun before version 3 holds version-2 blocks; a node syncing it must replay them.
        Block v3 = proposalWith(equivocation(EQUIVOCATOR, CHAIN_ID, 1, "a"));
        BlockHeader h = v3.header();
        Block v2 = new Block(new BlockHeader(BlockHeader.VERSION_2, h.height(), h.parentHash(), h.stateRoot(),
                h.transactionsRoot(), h.timestampMs(), h.proposer(), h.validatorSetHash(), h.transactionCount(),
                h.evidenceRoot(), h.evidenceCount()), v3.transactions(), v3.evidence());

        BlockReplayer.Replay replay = replayer.replay(v2);

        assertThat(replay.valid()).as(String.valueOf(replay.refusal())).isTrue();
        assertThat(replay.built().state().stateRoot()).isEqualTo(h.stateRoot());
        Block v1 = new Block(new BlockHeader(BlockHeader.VERSION_1, h.height(), h.parentHash(), h.stateRoot(),
                h.transactionsRoot(), h.timestampMs(), h.proposer(), h.validatorSetHash(), h.transactionCount()),
                v3.transactions());
        assertThat(replayer.replay(v1).refusal()).endsWith("header version 1, expected 3");
    }

    private Block proposalWithoutBuilderChecks(DuplicateVoteEvidence evidence) {
        Block built = proposalWith();
        BlockHeader h = built.header();
        List<byte[]> items = List.of(evidence.encode());
        return new Block(new BlockHeader(h.version(), h.height(), h.parentHash(), h.stateRoot(), h.transactionsRoot(),
                h.timestampMs(), h.proposer(), h.validatorSetHash(), h.transactionCount(), Block.evidenceRoot(items),
                items.size(), h.nextValidatorSetHash(), h.lastCommitHash()), built.transactions(), items,
                built.lastCommit());
    }
}
