package network.mira.svm;

import java.util.List;
import network.mira.core.crypto.PublicKey;

/** What a native program receives for one instruction. */
public final class InvokeContext {
    private final PublicKey programId;
    private final byte[] data;
    private final List<InstructionAccount> accounts;
    private final BlockContext block;

    InvokeContext(PublicKey programId, byte[] data, List<InstructionAccount> accounts, BlockContext block) {
        this.programId = programId;
        this.data = data;
        this.accounts = accounts;
        this.block = block;
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
