package network.mira.settlement.production;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.evidence.EvidenceVerifier;
import network.mira.settlement.evidence.InvalidEvidenceException;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.PreparedState;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.TransactionResult;

/**
 * Re-executes a block this node did not build in this process (a proposal from the consensus WAL
 * after a restart; later, a peer's proposal) on top of the finalized head, and says whether it is
 * a block this node may vote for. Signatures are checked here, because the transactions never
 * passed this node's admission, and so is every evidence item ({@link
 * EvidenceVerifier#verifyBlockEvidence}): one that fails makes the block one not to vote for. The
 * state root is computed, not compared: comparing it with the header is the consensus core's job,
 * which raises the divergence alarm.
 */
public final class BlockReplayer {
    /**
     * Executes after verifying the signatures of every transaction not marked already verified,
     * e.g. {@code ParallelBlockExecutor::executeVerified}.
     */
    @FunctionalInterface
    public interface VerifyingExecutor {
        BlockExecution executeVerified(List<Transaction> transactions, boolean[] alreadyVerified, AccountReader state,
                                       BlockContext block);
    }

    /**
     * Transactions whose exact bytes this node already verified, typically those waiting in its
     * mempool (admission checked their signatures). A peer's block mostly holds transactions that
     * gossip brought here first, so each signature is verified once per node, not twice.
     */
    @FunctionalInterface
    public interface AlreadyVerified {
        AlreadyVerified NONE = (transaction, bytes) -> false;

        boolean contains(Transaction transaction, byte[] bytes);
    }

    /** Either the executed block or why it may not be voted for. */
    public record Replay(BuiltBlock built, String refusal) {
        public boolean valid() {
            return built != null;
        }
    }

    private final Ledger ledger;
    private final VerifyingExecutor executor;
    private final BlockBuilder includability;
    private final ChainParameters parameters;
    private final EvidenceVerifier evidence;
    private final AlreadyVerified alreadyVerified;
    private final CertificateVerifier certificates = new CertificateVerifier(Ed25519::verify);

    /** Evidence is verified with the chain's validators and the default maximum evidence age. */
    public BlockReplayer(Ledger ledger, VerifyingExecutor executor, BlockBuilder includability,
                         ChainParameters parameters) {
        this(ledger, executor, includability, parameters, EvidenceVerifier.forChain(parameters));
    }

    public BlockReplayer(Ledger ledger, VerifyingExecutor executor, BlockBuilder includability,
                         ChainParameters parameters, EvidenceVerifier evidence) {
        this(ledger, executor, includability, parameters, evidence, AlreadyVerified.NONE);
    }

    public BlockReplayer(Ledger ledger, VerifyingExecutor executor, BlockBuilder includability,
                         ChainParameters parameters, EvidenceVerifier evidence, AlreadyVerified alreadyVerified) {
        this.alreadyVerified = alreadyVerified;
        this.ledger = ledger;
        this.executor = executor;
        this.includability = includability;
        this.parameters = parameters;
        this.evidence = evidence;
    }

    public Replay replay(Block block) {
        BlockHeader parent = ledger.headHeader();
        BlockHeader header = block.header();
        String structural = structuralRefusal(header, parent, block);
        if (structural != null) {
            return refused(header, structural);
        }
        String lastCommit = lastCommitRefusal(block, parent);
        if (lastCommit != null) {
            return refused(header, lastCommit);
        }
        try {
            evidence.verifyBlockEvidence(block, ledger);
        } catch (InvalidEvidenceException e) {
            return refused(header, "evidence " + e.index() + " refused: " + e.refusal());
        }
        List<Transaction> transactions = new ArrayList<>(header.transactionCount());
        List<PendingTransaction> pending = new ArrayList<>(header.transactionCount());
        Set<network.mira.core.crypto.Signature> seen = new HashSet<>();
        List<byte[]> bodies = block.transactions();
        for (int i = 0; i < bodies.size(); i++) {
            Transaction transaction;
            try {
                transaction = Transaction.decode(bodies.get(i));
            } catch (WireFormatException e) {
                return refused(header, "transaction " + i + " does not decode: " + e.getMessage());
            }
            if (!seen.add(transaction.id()) || !includability.isIncludable(transaction, parent.height())) {
                return refused(header, "transaction " + i + " (" + transaction.id()
                        + ") is a duplicate, already finalized or has an expired blockhash");
            }
            transactions.add(transaction);
            pending.add(new PendingTransaction(transaction, bodies.get(i)));
        }
        String overLimit = includability.limitViolation(pending);
        if (overLimit != null) {
            return refused(header, overLimit);
        }
        boolean[] verified = new boolean[transactions.size()];
        for (int i = 0; i < verified.length; i++) {
            verified[i] = alreadyVerified.contains(transactions.get(i), bodies.get(i));
        }
        BlockLifecycle lifecycle = includability.lifecycle();
        // The structural check above made header.parentHash() equal the head's hash, the value the builder used.
        BlockContext context = parameters.blockContext(header.height(), header.timestampMs(), header.parentHash());
        BlockLifecycle.Prepared prepared = lifecycle.begin(ledger, context, block.lastCommit(), block.evidence());
        BlockExecution execution = executor.executeVerified(transactions, verified, prepared.reader(), context);
        List<TransactionResult> results = new ArrayList<>(transactions.size());
        List<List<PublicKey>> accountKeys = new ArrayList<>(transactions.size());
        long fees = 0;
        for (int i = 0; i < transactions.size(); i++) {
            BlockExecution.Entry entry = execution.entries().get(i);
            if (!entry.included()) {
                return refused(header, "transaction " + i + " (" + transactions.get(i).id() + ") cannot be included: "
                        + entry.rejection().map(Throwable::getMessage).orElse("rejected"));
            }
            TransactionResult result = entry.result().orElseThrow();
            results.add(result);
            fees = Math.addExact(fees, result.fee());
            accountKeys.add(transactions.get(i).message().accountKeys());
        }
        BlockLifecycle.Finished finished = lifecycle.end(prepared, execution.changes(), header.height(), fees);
        if (!finished.nextValidatorSet().hash().equals(header.nextValidatorSetHash())) {
            return refused(header, "names next validator set " + header.nextValidatorSetHash()
                    + " but executing it chooses " + finished.nextValidatorSet().hash());
        }
        PreparedState state = ledger.state().prepare(finished.changes());
        long units = results.stream().mapToLong(TransactionResult::computeUnitsConsumed).sum();
        return new Replay(new BuiltBlock(block, state, results, accountKeys, List.of(),
                new BlockPacker.Packing(pending, units, Map.of()), execution.stats(), finished.changedValidatorSet(),
                finished.events()), null);
    }

    /**
     * The parent's certificate, which says whose signatures the parent counts (downtime, rewards):
     * none at height 1 (genesis has no certificate), from height 2 on a valid one for exactly the
     * parent, by the set of the parent's height.
     */
    private String lastCommitRefusal(Block block, BlockHeader parent) {
        if (block.header().version() < BlockHeader.VERSION) {
            return null; // a version-2 block of a chain without staking carries none
        }
        if (parent.height() == 0) {
            return block.lastCommit().isPresent() ? "carries a last commit but its parent is genesis" : null;
        }
        if (block.lastCommit().isEmpty()) {
            return "carries no last commit for its parent " + parent.height();
        }
        try {
            certificates.verify(parameters.chainId(), parent, block.lastCommit().get(),
                    includability.schedule().at(parent.height()));
            return null;
        } catch (InvalidCertificateException e) {
            return "last commit refused: " + e.getMessage();
        }
    }

    private String structuralRefusal(BlockHeader header, BlockHeader parent, Block block) {
        // A chain without staking may hold version-2 blocks from before version 3 existed; a node
        // syncing it from genesis must accept them. Staking chains began with version 3.
        boolean legacy = header.version() == BlockHeader.VERSION_2 && parameters.staking().isEmpty();
        if (header.version() != BlockHeader.VERSION && !legacy) {
            return "header version " + header.version() + ", expected " + BlockHeader.VERSION;
        }
        if (header.height() != parent.height() + 1 || !header.parentHash().equals(parent.hash())) {
            return "does not extend the finalized head " + parent.height() + " " + parent.hash();
        }
        if (header.timestampMs() < parent.timestampMs()) {
            return "timestamp " + header.timestampMs() + " is before its parent's " + parent.timestampMs();
        }
        ValidatorSet set = includability.schedule().at(header.height());
        if (!header.validatorSetHash().equals(set.hash())) {
            return "names validator set " + header.validatorSetHash() + ", not the current one " + set.hash();
        }
        if (!set.contains(header.proposer())) {
            return "proposer " + header.proposer() + " is not a validator";
        }
        if (!block.bodyMatchesHeader()) {
            return "transactions or evidence do not match the header's roots";
        }
        return null;
    }

    private static Replay refused(BlockHeader header, String reason) {
        return new Replay(null, "block " + header.height() + " " + header.hash() + ": " + reason);
    }
}
