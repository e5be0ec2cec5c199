package network.mira.settlement.production;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import network.mira.core.consensus.CommitCertificate;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.ledger.LedgerValidatorSchedule;
import java.util.Set;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidenceSource;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.PreparedState;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.BlockHook;
import network.mira.svm.BlockExecutor;
import network.mira.svm.TransactionResult;

/**
 * Builds the next block on top of the finalized head: drops candidates the chain no longer
 * accepts (blockhash out of the window, already finalized), packs the rest by priority within
 * the compute limits, executes them (in parallel where they do not conflict), and leaves out any
 * whose fee payer turns out unable to pay. The resulting state root goes into the header, with
 * up to {@link Block#MAX_EVIDENCE} evidence items from the {@link EvidenceSource}.
 */
public final class BlockBuilder {
    private final Ledger ledger;
    private final BlockExecutor executor;
    private final BlockPacker packer;
    private final ChainParameters parameters;
    private final EvidenceSource evidenceSource;
    private final ValidatorSchedule schedule;
    private final BlockLifecycle lifecycle;

    /** A builder that includes no evidence. */
    public BlockBuilder(Ledger ledger, BlockExecutor executor, BlockPacker packer, ChainParameters parameters) {
        this(ledger, executor, packer, parameters, EvidenceSource.NONE);
    }

    public BlockBuilder(Ledger ledger, BlockExecutor executor, BlockPacker packer, ChainParameters parameters,
                        EvidenceSource evidenceSource) {
        this(ledger, executor, packer, parameters, evidenceSource, List.of());
    }

    /** @param hooks state upkeep every block does before its transactions (e.g. pruning expired sessions) */
    public BlockBuilder(Ledger ledger, BlockExecutor executor, BlockPacker packer, ChainParameters parameters,
                        EvidenceSource evidenceSource, List<BlockHook> hooks) {
        this.ledger = ledger;
        this.executor = executor;
        this.packer = packer;
        this.parameters = parameters;
        this.evidenceSource = evidenceSource;
        this.schedule = LedgerValidatorSchedule.of(ledger, parameters);
        this.lifecycle = BlockLifecycle.forChain(parameters, schedule, hooks);
    }

    /** Which set signs each height (the ledger's record), shared with the replayer and consensus. */
    public ValidatorSchedule schedule() {
        return schedule;
    }

    /** The work besides transactions both this builder and the replayer do on a block. */
    BlockLifecycle lifecycle() {
        return lifecycle;
    }

    /** The standard wiring: packing by Compute Budget price within the genesis compute limits. */
    public static BlockBuilder create(Ledger ledger, BlockExecutor executor, ChainParameters parameters,
                                      int maxTransactionsPerBlock) {
        return create(ledger, executor, parameters, maxTransactionsPerBlock, EvidenceSource.NONE);
    }

    /** The standard wiring, including evidence from {@code evidenceSource} (the node's evidence pool). */
    public static BlockBuilder create(Ledger ledger, BlockExecutor executor, ChainParameters parameters,
                                      int maxTransactionsPerBlock, EvidenceSource evidenceSource) {
        return create(ledger, executor, parameters, maxTransactionsPerBlock, evidenceSource, List.of());
    }

    /** The standard wiring, with evidence and the block hooks the node runs. */
    public static BlockBuilder create(Ledger ledger, BlockExecutor executor, ChainParameters parameters,
                                      int maxTransactionsPerBlock, EvidenceSource evidenceSource,
                                      List<BlockHook> hooks) {
        return new BlockBuilder(ledger, executor, new BlockPacker(parameters.compute(), maxTransactionsPerBlock,
                new ComputeBudgetCosts(parameters.compute())), parameters, evidenceSource, hooks);
    }

    public BuiltBlock build(List<PendingTransaction> candidates, long timestampMs, PublicKey proposer) {
        BlockHeader parent = ledger.headHeader();
        long height = parent.height() + 1;
        long timestamp = Math.max(timestampMs, parent.timestampMs());
        List<Signature> dropped = new ArrayList<>();
        BlockPacker.Packing packing = packer.pack(eligible(candidates, parent.height(), dropped));
        List<Transaction> selected = packing.selected().stream().map(PendingTransaction::transaction).toList();
        List<byte[]> evidence = evidence(height);
        Optional<CommitCertificate> lastCommit = lastCommit(parent);
        BlockContext context = parameters.blockContext(height, timestamp, parent.hash());
        BlockLifecycle.Prepared prepared = lifecycle.begin(ledger, context, lastCommit, evidence);
        BlockExecution execution = executor.execute(selected, prepared.reader(), context);

        List<byte[]> included = new ArrayList<>();
        List<TransactionResult> results = new ArrayList<>();
        List<List<PublicKey>> accountKeys = new ArrayList<>();
        long fees = 0;
        for (int i = 0; i < selected.size(); i++) {
            BlockExecution.Entry entry = execution.entries().get(i);
            if (entry.included()) {
                TransactionResult result = entry.result().orElseThrow();
                results.add(result);
                fees = Math.addExact(fees, result.fee());
                included.add(packing.selected().get(i).bytes());
                accountKeys.add(selected.get(i).message().accountKeys());
            } else {
                dropped.add(selected.get(i).id());
            }
        }
        BlockLifecycle.Finished finished = lifecycle.end(prepared, execution.changes(), height, fees);
        PreparedState state = ledger.state().prepare(finished.changes());
        BlockHeader header = new BlockHeader(BlockHeader.VERSION, height, parent.hash(), state.stateRoot(),
                Block.transactionsRoot(included), timestamp, proposer, schedule.at(height).hash(),
                included.size(), Block.evidenceRoot(evidence), evidence.size(), finished.nextValidatorSet().hash(),
                Block.lastCommitHash(lastCommit));
        return new BuiltBlock(new Block(header, included, evidence, lastCommit), state, results, accountKeys, dropped,
                packing, execution.stats(), finished.changedValidatorSet(), finished.events());
    }

    /**
     * The parent's certificate as this node stored it: any quorum of the parent's set will do, and
     * the one carried decides, for every node, whose signatures the parent counts. Genesis has none.
     */
    private Optional<CommitCertificate> lastCommit(BlockHeader parent) {
        if (parent.height() == 0) {
            return Optional.empty();
        }
        return Optional.of(ledger.certificate(parent.height()).orElseThrow(() -> new IllegalStateException(
                "the certificate of finalized block " + parent.height() + " is missing")));
    }

    /**
     * The source's evidence, encoded. The source has verified it; what is checked again here is
     * cheap and would make the block invalid for every other validator: a height that is not
     * below the block's, a repeat, or evidence a finalized block already holds.
     */
    private List<byte[]> evidence(long height) {
        List<byte[]> encoded = new ArrayList<>();
        Set<Hash> seen = new HashSet<>();
        for (DuplicateVoteEvidence item : evidenceSource.evidenceFor(height, Block.MAX_EVIDENCE)) {
            byte[] bytes = item.encode();
            Hash hash = Hash.sha256(bytes);
            if (encoded.size() < Block.MAX_EVIDENCE && item.height() < height && seen.add(hash)
                    && ledger.evidence(hash).isEmpty()) {
                encoded.add(bytes);
            }
        }
        return encoded;
    }

    private List<PendingTransaction> eligible(List<PendingTransaction> candidates, long parentHeight,
                                              List<Signature> dropped) {
        List<PendingTransaction> eligible = new ArrayList<>(candidates.size());
        Set<Signature> seen = new HashSet<>();
        for (PendingTransaction candidate : candidates) {
            Transaction transaction = candidate.transaction();
            if (seen.add(transaction.id()) && isIncludable(transaction, parentHeight)) {
                eligible.add(candidate);
            } else {
                dropped.add(transaction.id());
            }
        }
        return eligible;
    }

    /** See {@link BlockPacker#limitViolation}: null when a block built elsewhere is within the limits. */
    public String limitViolation(List<PendingTransaction> block) {
        return packer.limitViolation(block);
    }

    /** Still within the blockhash window and not already finalized. */
    public boolean isIncludable(Transaction transaction, long parentHeight) {
        var blockhashHeight = ledger.heightOf(transaction.message().recentBlockhash());
        return blockhashHeight.isPresent()
                && parentHeight - blockhashHeight.get() <= parameters.blockhashMaxAgeBlocks()
                && ledger.transaction(transaction.id()).isEmpty();
    }
}
