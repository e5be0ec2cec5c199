package network.mira.svm;

import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/** One account as an instruction sees it: its key, its flags from the message, and its working value. */
public final class InstructionAccount {
    private final PublicKey key;
    private final boolean signer;
    private final boolean writable;
    private final TransactionAccounts accounts;
    private final int transactionIndex;

    InstructionAccount(PublicKey key, boolean signer, boolean writable, TransactionAccounts accounts,
                       int transactionIndex) {
        this.key = key;
        this.signer = signer;
        this.writable = writable;
        this.accounts = accounts;
        this.transactionIndex = transactionIndex;
    }

    public PublicKey key() {
        return key;
    }

    public boolean isSigner() {
        return signer;
    }

    public boolean isWritable() {
        return writable;
    }

    public Account get() {
        return accounts.get(transactionIndex);
    }

    /** Programs write freely here; the runtime judges the result after the instruction. */
    public void set(Account account) {
        accounts.set(transactionIndex, account);
    }

    /** The same account with the signer flag an invoking program vouched for. */
    InstructionAccount withSigner(boolean isSigner) {
        return new InstructionAccount(key, isSigner, writable, accounts, transactionIndex);
    }

    int transactionIndex() {
        return transactionIndex;
    }
}
