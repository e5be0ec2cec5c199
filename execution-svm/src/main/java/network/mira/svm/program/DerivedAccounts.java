package network.mira.svm.program;

import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.program.system.SystemProgram;

/**
 * How a native program takes an address it derives (a program-derived address, in Solana's words) as
 * its own account: System CreateAccount, signed for by the program, as a Solana program signs for its
 * derived addresses. Only programs that {@link network.mira.svm.NativeProgram#mayGrantSignatures may grant
 * signatures} can do this, and they grant only their own derived addresses'.
 */
public final class DerivedAccounts {
    private DerivedAccounts() {}

    /**
     * An account no program has taken: owned by the System program, without data. It may hold lamports —
     * anyone can send lamports to any address, and a derived address a stranger funded first must not
     * block its owner (the lamports stay in the account).
     */
    public static boolean isFresh(Account account) {
        return account.dataLength() == 0 && account.owner().equals(SystemProgram.ID);
    }

    /**
     * Makes the fresh account at {@code accountIndex} owned by {@code owner}, without data and without
     * lamports taken from {@code payerIndex} (Mira charges no rent); Assign instead of CreateAccount when
     * a stranger funded the address (CreateAccount refuses an address holding lamports).
     */
    public static void create(InvokeContext context, int payerIndex, int accountIndex, PublicKey owner)
            throws InstructionException {
        InstructionAccount account = context.account(accountIndex);
        if (account.get().lamports() > 0) {
            context.invoke(SystemProgram.ID, new int[] {accountIndex}, SystemProgram.assign(account.key(), owner).data(),
                    Set.of(account.key()));
            return;
        }
        context.invoke(SystemProgram.ID, new int[] {payerIndex, accountIndex},
                SystemProgram.createAccount(context.account(payerIndex).key(), account.key(), 0, 0, owner).data(),
                Set.of(account.key()));
    }
}
