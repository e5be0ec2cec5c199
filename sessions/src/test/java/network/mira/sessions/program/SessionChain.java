package network.mira.sessions.program;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.svm.BlockContext;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionRejectedException;
import network.mira.svm.TransactionResult;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;

/**
 * The session program in the real runtime (System, Compute Budget and Session programs), over an
 * in-memory state, one transaction per "block" with a clock the test moves; the pruner runs before
 * each block as the node runs it.
 */
final class SessionChain {
    static final String CHAIN_ID = "mira-sessions";
    static final long FEE = 5_000;
    static final long START_MS = 1_764_115_200_000L;
    static final long MAX_LIFETIME_MS = 8L * 24 * 3_600_000;

    final SortedMap<PublicKey, Account> state = new TreeMap<>();
    private final TransactionExecutor executor = new TransactionExecutor(new ProgramRegistry(List.of(
            new SystemProgramRuntime(), new ComputeBudgetProgramRuntime(),
            new SessionProgramRuntime(CHAIN_ID, MAX_LIFETIME_MS))), SystemProgram.ID);
    private final SessionPruner pruner = new SessionPruner();
    long height = 1;
    long nowMs = START_MS;

    static KeyPair key(String name) {
        return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    void fund(PublicKey address, long lamports) {
        state.put(address, Account.ofLamports(lamports, SystemProgram.ID));
    }

    long lamports(PublicKey address) {
        return Optional.ofNullable(state.get(address)).map(Account::lamports).orElse(0L);
    }

    /** Runs the pruner for a new block at the current clock, then the transaction; commits its writes. */
    TransactionResult run(KeyPair payer, List<Instruction> instructions, KeyPair... signers) {
        pruner.beforeTransactions(address -> Optional.ofNullable(state.get(address)), block())
                .forEach(this::write);
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), instructions,
                Hash.sha256(new byte[] {(byte) height})), List.of(signers));
        try {
            TransactionOutcome outcome = executor.run(transaction, address -> Optional.ofNullable(state.get(address)),
                    block());
            outcome.writes().forEach(this::write);
            height++;
            return outcome.result();
        } catch (TransactionRejectedException e) {
            throw new AssertionError(e);
        }
    }

    /** A block without transactions: only the pruner runs. */
    void emptyBlock() {
        pruner.beforeTransactions(address -> Optional.ofNullable(state.get(address)), block())
                .forEach(this::write);
        height++;
    }

    private void write(PublicKey address, Account account) {
        if (account.isEmpty()) {
            state.remove(address);
        } else {
            state.put(address, account);
        }
    }

    BlockContext block() {
        return new BlockContext(height, nowMs, FEE, ComputeParameters.SOLANA_DEFAULTS);
    }

    Optional<SessionRecord> session(PublicKey address) {
        return Optional.ofNullable(state.get(address)).filter(a -> a.owner().equals(SessionProgram.ID)).map(account -> {
            try {
                return SessionRecord.decode(account.data());
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        });
    }

    OwnerBook book(PublicKey owner) {
        Account account = state.get(SessionProgram.ownerBook(owner));
        if (account == null) {
            return OwnerBook.empty();
        }
        try {
            return OwnerBook.decode(account.data());
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }
}
