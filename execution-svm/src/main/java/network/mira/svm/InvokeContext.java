package network.mira.svm;

import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.compute.ComputeMeter;

/** What a native program receives for one instruction. */
public final class InvokeContext {
    private final PublicKey programId;
    private final byte[] data;
    private final List<InstructionAccount> accounts;
    private final BlockContext block;
    private final ComputeMeter meter;

    InvokeContext(PublicKey programId, byte[] data, List<InstructionAccount> accounts, BlockContext block,
                  ComputeMeter meter) {
        this.programId = programId;
        this.data = data;
        this.accounts = accounts;
        this.block = block;
        this.meter = meter;
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
