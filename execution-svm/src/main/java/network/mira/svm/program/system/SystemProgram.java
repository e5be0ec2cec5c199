package network.mira.svm.program.system;

import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;

/**
 * Solana's System program id and instruction builders, with Solana's account order, so that
 * transactions built here and by Solana clients are the same bytes.
 */
public final class SystemProgram {
    /** All-zero bytes; base58 "11111111111111111111111111111111". */
    public static final PublicKey ID = PublicKey.fromBase58("11111111111111111111111111111111");

    private SystemProgram() {}

    /** Accounts: [from (signer, writable), to (writable)]. */
    public static Instruction transfer(PublicKey from, PublicKey to, long lamports) {
        return new Instruction(ID, List.of(AccountMeta.writable(from, true), AccountMeta.writable(to, false)),
                new SystemInstruction.Transfer(lamports).encode());
    }

    /** Accounts: [funder (signer, writable), new account (signer, writable)]. */
    public static Instruction createAccount(PublicKey from, PublicKey newAccount, long lamports, long space,
                                            PublicKey owner) {
        return new Instruction(ID, List.of(AccountMeta.writable(from, true), AccountMeta.writable(newAccount, true)),
                new SystemInstruction.CreateAccount(lamports, space, owner).encode());
    }

    /** Accounts: [account (signer, writable)]. */
    public static Instruction assign(PublicKey account, PublicKey owner) {
        return new Instruction(ID, List.of(AccountMeta.writable(account, true)),
                new SystemInstruction.Assign(owner).encode());
    }

    /** Accounts: [account (signer, writable)]. */
    public static Instruction allocate(PublicKey account, long space) {
        return new Instruction(ID, List.of(AccountMeta.writable(account, true)),
                new SystemInstruction.Allocate(space).encode());
    }
}
