package network.mira.svm.program.system;

import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.NativeProgram;
import network.mira.svm.program.InstructionDecodeException;

/**
 * Solana's System program semantics for CreateAccount, Assign, Transfer and Allocate, with its
 * program id and instruction encoding so that Solana clients can build our transfers. Error codes
 * follow Solana's names. Rent is not charged on Mira (see docs/spec/execution.md).
 */
public final class SystemProgramRuntime implements NativeProgram {

    @Override
    public PublicKey id() {
        return SystemProgram.ID;
    }

    @Override
    public void validate(byte[] instructionData) throws InstructionDecodeException {
        SystemInstruction.decode(instructionData);
    }

    @Override
    public void execute(InvokeContext context) throws InstructionException {
        SystemInstruction instruction;
        try {
            instruction = SystemInstruction.decode(context.data());
        } catch (InstructionDecodeException e) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", e.getMessage());
        }
        if (instruction instanceof SystemInstruction.Transfer transfer) {
            transfer(context.account(0), context.account(1), transfer.lamports());
        } else if (instruction instanceof SystemInstruction.CreateAccount create) {
            createAccount(context.account(0), context.account(1), create);
        } else if (instruction instanceof SystemInstruction.Assign assign) {
            assign(context.account(0), assign.owner());
        } else if (instruction instanceof SystemInstruction.Allocate allocate) {
            allocate(context.account(0), allocate.space());
        } else {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", "unsupported system instruction " + instruction);
        }
    }

    private static void transfer(InstructionAccount from, InstructionAccount to, long lamports)
            throws InstructionException {
        requireSigner(from, "transfer source");
        Account source = from.get();
        if (source.dataLength() != 0) {
            throw new InstructionException("INVALID_ARGUMENT", "transfer source " + from.key() + " must not carry data");
        }
        if (lamports < 0 || source.lamports() < lamports) {
            throw new InstructionException("INSUFFICIENT_FUNDS",
                    "transfer of " + Long.toUnsignedString(lamports) + " lamports from " + from.key()
                            + " which has " + source.lamports());
        }
        from.set(source.withLamports(source.lamports() - lamports));
        Account destination = to.get();
        long credited;
        try {
            credited = Math.addExact(destination.lamports(), lamports);
        } catch (ArithmeticException e) {
            throw new InstructionException("ARITHMETIC_OVERFLOW", "balance of " + to.key() + " would overflow");
        }
        to.set(destination.withLamports(credited));
    }

    private static void createAccount(InstructionAccount from, InstructionAccount created,
                                      SystemInstruction.CreateAccount instruction) throws InstructionException {
        requireSigner(created, "new account");
        Account existing = created.get();
        if (existing.lamports() != 0 || existing.dataLength() != 0 || !existing.owner().equals(SystemProgram.ID)) {
            throw new InstructionException("ACCOUNT_ALREADY_IN_USE", "account " + created.key() + " already exists");
        }
        allocate(created, instruction.space());
        assign(created, instruction.owner());
        transfer(from, created, instruction.lamports());
    }

    private static void assign(InstructionAccount account, PublicKey owner) throws InstructionException {
        if (account.get().owner().equals(owner)) {
            return;
        }
        requireSigner(account, "assigned account");
        account.set(account.get().withOwner(owner));
    }

    private static void allocate(InstructionAccount account, long space) throws InstructionException {
        requireSigner(account, "allocated account");
        Account current = account.get();
        if (current.dataLength() != 0 || !current.owner().equals(SystemProgram.ID)) {
            throw new InstructionException("ACCOUNT_ALREADY_IN_USE", "account " + account.key() + " already has data or an owner");
        }
        if (space < 0 || space > Account.MAX_DATA_BYTES) {
            throw new InstructionException("INVALID_ACCOUNT_DATA_LENGTH",
                    "space " + Long.toUnsignedString(space) + " exceeds " + Account.MAX_DATA_BYTES + " bytes");
        }
        account.set(current.withData(new byte[(int) space]));
    }

    private static void requireSigner(InstructionAccount account, String role) throws InstructionException {
        if (!account.isSigner()) {
            throw new InstructionException("MISSING_REQUIRED_SIGNATURE", role + " " + account.key() + " must sign");
        }
    }
}
