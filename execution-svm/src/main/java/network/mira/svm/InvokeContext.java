package network.mira.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.svm.compute.ComputeMeter;

/** What a native program receives for one instruction. */
public final class InvokeContext {
    /** Runs one instruction of another program on accounts of the current instruction (the runtime's side). */
    @FunctionalInterface
    interface Invoker {
        void invoke(PublicKey programId, List<InstructionAccount> accounts, byte[] data) throws InstructionException;
    }

    private final PublicKey programId;
    private final byte[] data;
    private final List<InstructionAccount> accounts;
    private final BlockContext block;
    private final ComputeMeter meter;
    private final Signature transactionId;
    private final boolean mayGrantSignatures;
    private final Invoker invoker;

    InvokeContext(PublicKey programId, byte[] data, List<InstructionAccount> accounts, BlockContext block,
                  ComputeMeter meter, Signature transactionId, boolean mayGrantSignatures, Invoker invoker) {
        this.programId = programId;
        this.data = data;
        this.accounts = accounts;
        this.block = block;
        this.meter = meter;
        this.transactionId = transactionId;
        this.mayGrantSignatures = mayGrantSignatures;
        this.invoker = invoker;
    }

    /** The transaction this instruction belongs to (its first signature). */
    public Signature transactionId() {
        return transactionId;
    }

    /**
     * Runs an instruction of {@code program} on accounts of this instruction, as Solana's cross-program
     * invocation does: the inner program's cost is charged to this transaction, the runtime checks the
     * account rules after it, and its failure fails this instruction. Accounts keep this instruction's
     * flags, plus the signatures in {@code grantedSigners}: only a program that vouches for another
     * account's authority ({@link NativeProgram#mayGrantSignatures()}, the session program) may grant
     * them. Invocations do not nest.
     *
     * @param accountIndexes indexes into this instruction's accounts, in the inner instruction's order
     * @throws InstructionException the inner program's failure, or PRIVILEGE_ESCALATION, CALL_DEPTH_EXCEEDED,
     *                              UNKNOWN_PROGRAM, NOT_ENOUGH_ACCOUNT_KEYS
     */
    public void invoke(PublicKey program, int[] accountIndexes, byte[] innerData, Set<PublicKey> grantedSigners)
            throws InstructionException {
        if (!grantedSigners.isEmpty() && !mayGrantSignatures) {
            throw new InstructionException("PRIVILEGE_ESCALATION", "program " + programId
                    + " may not grant signatures to the programs it invokes");
        }
        List<InstructionAccount> inner = new ArrayList<>(accountIndexes.length);
        for (int index : accountIndexes) {
            InstructionAccount outer = account(index);
            inner.add(outer.withSigner(outer.isSigner() || grantedSigners.contains(outer.key())));
        }
        invoker.invoke(program, inner, innerData.clone());
    }

    public PublicKey programId() {
        return programId;
    }

    public byte[] data() {
        return data.clone();
    }

    public BlockContext block() {
        return block;
    }

    /**
     * Charges compute units on top of the instruction's fixed cost (already charged before the
     * program runs), for work that depends on the input.
     *
     * @throws InstructionException COMPUTE_BUDGET_EXCEEDED when the transaction's limit would be passed
     */
    public void consumeCompute(long units) throws InstructionException {
        meter.consume(units);
    }

    /** Compute units the transaction may still consume. */
    public long remainingCompute() {
        return meter.remaining();
    }

    public int accountCount() {
        return accounts.size();
    }

    /** @throws InstructionException NOT_ENOUGH_ACCOUNT_KEYS when the instruction declared fewer accounts */
    public InstructionAccount account(int index) throws InstructionException {
        if (index >= accounts.size()) {
            throw new InstructionException("NOT_ENOUGH_ACCOUNT_KEYS",
                    "instruction needs account " + index + " but declares " + accounts.size());
        }
        return accounts.get(index);
    }

    List<InstructionAccount> accounts() {
        return accounts;
    }
}
