package network.mira.svm;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * Solana's runtime rules, checked after every instruction whatever the program claims: lamports
 * are conserved; only the owner program may debit an account, change its data or hand it to a new
 * owner; read-only accounts do not change at all.
 */
final class AccountRules {
    private AccountRules() {}

    static void check(PublicKey programId, List<InstructionAccount> accounts, Account[] before, TransactionAccounts after)
            throws InstructionException {
        BitSet seen = new BitSet();
        long lamportsBefore = 0;
        long lamportsAfter = 0;
        for (InstructionAccount account : accounts) {
            int index = account.transactionIndex();
            if (seen.get(index)) {
                continue;
            }
            seen.set(index);
            Account old = before[index];
            Account now = after.get(index);
            lamportsBefore = Math.addExact(lamportsBefore, old.lamports());
            lamportsAfter = Math.addExact(lamportsAfter, now.lamports());
            checkOne(programId, account, old, now);
        }
        if (lamportsBefore != lamportsAfter) {
            throw new InstructionException("UNBALANCED_INSTRUCTION",
                    "lamports before " + lamportsBefore + " != after " + lamportsAfter);
        }
    }

    private static void checkOne(PublicKey programId, InstructionAccount account, Account old, Account now)
            throws InstructionException {
        boolean lamportsChanged = old.lamports() != now.lamports();
        boolean dataChanged = !Arrays.equals(old.data(), now.data());
        boolean ownerChanged = !old.owner().equals(now.owner());
        if (!account.isWritable() && (lamportsChanged || dataChanged || ownerChanged || old.executable() != now.executable())) {
            throw new InstructionException("READONLY_ACCOUNT_MODIFIED",
                    "account " + account.key() + " is read-only in this transaction but was modified");
        }
        boolean ownedByProgram = old.owner().equals(programId);
        if (now.lamports() < old.lamports() && !ownedByProgram) {
            throw new InstructionException("EXTERNAL_ACCOUNT_LAMPORT_SPEND",
                    "program " + programId + " debited account " + account.key() + " which it does not own");
        }
        if (dataChanged && !ownedByProgram) {
            throw new InstructionException("EXTERNAL_ACCOUNT_DATA_MODIFIED",
                    "program " + programId + " changed data of account " + account.key() + " which it does not own");
        }
        if (ownerChanged && !ownedByProgram) {
            throw new InstructionException("MODIFIED_PROGRAM_ID",
                    "program " + programId + " reassigned account " + account.key() + " which it does not own");
        }
        if (old.executable() != now.executable()) {
            throw new InstructionException("EXECUTABLE_MODIFIED",
                    "account " + account.key() + " executable flag cannot change");
        }
    }
}
