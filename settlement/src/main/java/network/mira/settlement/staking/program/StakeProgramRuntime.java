package network.mira.settlement.staking.program;

import java.util.Objects;
import java.util.OptionalLong;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.StakeAccount;
import network.mira.settlement.staking.StakingOperations;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.NativeProgram;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The stake program: an adaptor from instructions and accounts to {@link StakingOperations}. It checks
 * the accounts (the state account, signers, writability, deposits), runs the pure operation on the decoded
 * state, and writes the new state and the lamports it moved. A refusal by the staking rules fails the
 * instruction with the {@link network.mira.settlement.staking.StakingError} name as its code and changes
 * nothing. Rewards, fees, slashing and the epoch switch are not instructions: consensus applies them to
 * the state account at the boundary (docs/staking.md, "Stake program").
 */
public final class StakeProgramRuntime implements NativeProgram {
    private final StakingParameters parameters;

    /** @param parameters the genesis staking parameters; the state account must carry the same */
    public StakeProgramRuntime(StakingParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public PublicKey id() {
        return StakeProgram.ID;
    }

    @Override
    public OptionalLong computeUnitsPerInstruction() {
        return OptionalLong.of(StakeProgram.COMPUTE_UNITS);
    }

    @Override
    public void validate(byte[] instructionData) throws InstructionDecodeException {
        StakeInstruction.decode(instructionData);
    }

    @Override
    public void execute(InvokeContext context) throws InstructionException {
        StakeInstruction instruction;
        try {
            instruction = StakeInstruction.decode(context.data());
        } catch (InstructionDecodeException e) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", e.getMessage());
        }
        if (context.accountCount() != instruction.accounts()) {
            throw new InstructionException("WRONG_ACCOUNT_COUNT", instruction.getClass().getSimpleName()
                    + " declares " + instruction.accounts() + " accounts, got " + context.accountCount());
        }
        InstructionAccount stateAccount = context.account(0);
        StakingState state = loadState(stateAccount);
        long height = context.block().height();
        long epoch = parameters.epochOf(height);
        if (state.epoch() != epoch) {
            throw new InstructionException("STAKE_EPOCH_NOT_APPLIED", "height " + height + " is in epoch " + epoch
                    + " but the stake state is at epoch " + state.epoch() + "; the epoch switch has not run");
        }
        Step step = run(instruction, context, state, height);
        Account stateBefore = stateAccount.get();
        long stateLamports = Math.addExact(stateBefore.lamports(), step.deposit) - step.withdrawal;
        stateAccount.set(new Account(stateLamports, StakingStateCodec.encode(step.state), StakeProgram.ID, false));
    }

    /** The new state and the lamports the instruction brings into (deposit) or takes out of (withdrawal) stake. */
    private record Step(StakingState state, long deposit, long withdrawal) {}

    private Step run(StakeInstruction instruction, InvokeContext context, StakingState state, long height)
            throws InstructionException {
        if (instruction instanceof StakeInstruction.RegisterValidator register) {
            PublicKey identity = signer(context.account(1), "validator identity");
            InstructionAccount selfBond = context.account(2);
            long deposit = checkDeposit(selfBond, register.selfBond(), "self-bond");
            StakingState next = applied(StakingOperations.registerValidator(state, identity, register.consensusKey(),
                    register.commissionBps(), selfBond.key(), register.selfBond()));
            drain(selfBond);
            return new Step(next, deposit, 0);
        }
        if (instruction instanceof StakeInstruction.CreateStake create) {
            InstructionAccount stake = context.account(1);
            long deposit = checkDeposit(stake, create.amount(), "new stake");
            PublicKey authority = signer(context.account(2), "stake authority");
            StakingState next = applied(StakingOperations.createStake(state, stake.key(), authority, create.amount()));
            drain(stake);
            return new Step(next, deposit, 0);
        }
        if (instruction instanceof StakeInstruction.Delegate delegate) {
            PublicKey authority = signer(context.account(2), "stake authority");
            return new Step(applied(StakingOperations.delegate(state, context.account(1).key(), authority,
                    delegate.validator())), 0, 0);
        }
        if (instruction instanceof StakeInstruction.Deactivate) {
            PublicKey authority = signer(context.account(2), "stake authority");
            return new Step(applied(StakingOperations.deactivate(state, context.account(1).key(), authority)), 0, 0);
        }
        if (instruction instanceof StakeInstruction.Withdraw withdraw) {
            return withdraw(context, state, withdraw.to());
        }
        PublicKey identity = signer(context.account(1), "validator identity");
        if (instruction instanceof StakeInstruction.SetCommission commission) {
            return new Step(applied(StakingOperations.setCommission(state, identity, commission.commissionBps())), 0, 0);
        }
        if (instruction instanceof StakeInstruction.RotateConsensusKey rotate) {
            return new Step(applied(StakingOperations.rotateConsensusKey(state, identity, rotate.newKey())), 0, 0);
        }
        return new Step(applied(StakingOperations.unjail(state, identity, height)), 0, 0);
    }

    private static Step withdraw(InvokeContext context, StakingState state, PublicKey to) throws InstructionException {
        PublicKey address = context.account(1).key();
        PublicKey authority = signer(context.account(2), "stake authority");
        InstructionAccount recipient = context.account(3);
        if (!recipient.key().equals(to) || to.equals(StakeProgram.STATE_ACCOUNT)) {
            throw new InstructionException("INVALID_RECIPIENT", "withdraw names recipient " + to
                    + " but declares account " + recipient.key() + "; it must be that account and not the state");
        }
        writable(recipient, "recipient");
        long amount = state.stakeAccount(address).map(StakeAccount::amount).orElse(0L);
        StakingState next = applied(StakingOperations.withdraw(state, address, authority));
        Account before = recipient.get();
        long credited;
        try {
            credited = Math.addExact(before.lamports(), amount);
        } catch (ArithmeticException e) {
            throw new InstructionException("ARITHMETIC_OVERFLOW", "balance of " + recipient.key() + " would overflow");
        }
        recipient.set(before.withLamports(credited));
        return new Step(next, 0, amount);
    }

    private StakingState loadState(InstructionAccount account) throws InstructionException {
        if (!account.key().equals(StakeProgram.STATE_ACCOUNT)) {
            throw new InstructionException("INVALID_STATE_ACCOUNT", "account 0 must be the stake state account "
                    + StakeProgram.STATE_ACCOUNT + ", got " + account.key());
        }
        if (!account.isWritable()) {
            throw new InstructionException("STATE_ACCOUNT_NOT_WRITABLE", "the stake state account "
                    + account.key() + " must be writable");
        }
        Account stored = account.get();
        if (!stored.owner().equals(StakeProgram.ID)) {
            throw new InstructionException("INVALID_ACCOUNT_OWNER", "the stake state account is owned by "
                    + stored.owner() + ", not the stake program; it is created at genesis");
        }
        StakingState state;
        try {
            state = StakingStateCodec.decode(stored.data());
        } catch (DecodeException e) {
            throw new InstructionException("INVALID_ACCOUNT_DATA", "stake state: " + e.getMessage());
        }
        if (!state.parameters().equals(parameters)) {
            throw new InstructionException("INVALID_ACCOUNT_DATA", "stake state parameters " + state.parameters()
                    + " differ from the genesis parameters " + parameters);
        }
        if (stored.lamports() < state.totalStaked()) {
            throw new InstructionException("STATE_ACCOUNT_UNDERFUNDED", "the stake state account holds "
                    + stored.lamports() + " lamports but stake accounts hold " + state.totalStaked());
        }
        return state;
    }

    /** A fresh address funded by System CreateAccount for this program: signer, writable, no data, exactly the amount. */
    private static long checkDeposit(InstructionAccount account, long amount, String role) throws InstructionException {
        signer(account, role);
        writable(account, role);
        Account funded = account.get();
        if (!funded.owner().equals(StakeProgram.ID) || funded.dataLength() != 0 || funded.lamports() != amount) {
            throw new InstructionException("INVALID_DEPOSIT", role + " " + account.key() + " must be created by System"
                    + " CreateAccount with " + amount + " lamports, no data and owner " + StakeProgram.ID
                    + "; it holds " + funded.lamports() + " lamports, " + funded.dataLength() + " bytes, owner "
                    + funded.owner());
        }
        return amount;
    }

    /** The deposit's lamports now belong to the state account; the emptied address ceases to exist. */
    private static void drain(InstructionAccount account) {
        account.set(account.get().withLamports(0));
    }

    private static StakingState applied(StakingResult result) throws InstructionException {
        if (result instanceof StakingResult.Refused refused) {
            throw new InstructionException(refused.error().name(), refused.message());
        }
        return ((StakingResult.Applied) result).state();
    }

    private static PublicKey signer(InstructionAccount account, String role) throws InstructionException {
        if (!account.isSigner()) {
            throw new InstructionException("MISSING_REQUIRED_SIGNATURE", role + " " + account.key() + " must sign");
        }
        return account.key();
    }

    private static void writable(InstructionAccount account, String role) throws InstructionException {
        if (!account.isWritable()) {
            throw new InstructionException("ACCOUNT_NOT_WRITABLE", role + " " + account.key() + " must be writable");
        }
    }
}
