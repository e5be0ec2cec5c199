package network.mira.settlement.staking.program;

import java.nio.charset.StandardCharsets;
import java.util.List;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.svm.program.system.SystemProgram;

/**
 * The stake program's id, its one state account, and instruction builders with the account order
 * {@link StakeProgramRuntime} expects. A native program cannot debit a System account, so lamports
 * enter stake as Solana's do: a System CreateAccount funds the fresh stake address and assigns it to
 * this program, and the stake instruction that follows moves its lamports into the state account.
 */
public final class StakeProgram {
    /** Solana's stake program id. */
    public static final PublicKey ID = PublicKey.fromBase58("Stake11111111111111111111111111111111111111");

    /** SHA-256("mira/stake/state"): holds the encoded StakingState and every staked lamport. */
    public static final PublicKey STATE_ACCOUNT =
            PublicKey.wrap(Hash.sha256("mira/stake/state".getBytes(StandardCharsets.UTF_8)).bytes());

    /** Units charged before each stake instruction; it decodes and re-encodes the whole state. */
    public static final long COMPUTE_UNITS = 3_000;

    private StakeProgram() {}

    /**
     * The state account at genesis: owned by this program, holding the genesis state and, as lamports,
     * the genesis self-bonds (the node must not also credit those lamports anywhere else).
     *
     * @param genesisSupply every lamport that exists at genesis, the self-bonds included
     */
    public static Account genesisAccount(StakingParameters parameters, List<GenesisValidator> validators,
                                         long genesisSupply) {
        StakingState state = StakingState.genesis(parameters, genesisSupply, validators);
        return new Account(state.totalStaked(), StakingStateCodec.encode(state), ID, false);
    }

    /** System CreateAccount (identity funds the self-bond address), then RegisterValidator. */
    public static List<Instruction> registerValidator(PublicKey identity, PublicKey selfBondAddress,
                                                      PublicKey consensusKey, int commissionBps, long selfBond) {
        return List.of(SystemProgram.createAccount(identity, selfBondAddress, selfBond, 0, ID),
                new Instruction(ID, List.of(state(), AccountMeta.readonly(identity, true),
                        AccountMeta.writable(selfBondAddress, true)),
                        new StakeInstruction.RegisterValidator(consensusKey, commissionBps, selfBond).encode()));
    }

    /** System CreateAccount (funder funds the stake address), then CreateStake with the funder as authority. */
    public static List<Instruction> createStake(PublicKey funder, PublicKey stakeAddress, long lamports) {
        return List.of(SystemProgram.createAccount(funder, stakeAddress, lamports, 0, ID),
                new Instruction(ID, List.of(state(), AccountMeta.writable(stakeAddress, true),
                        AccountMeta.readonly(funder, true)), new StakeInstruction.CreateStake(lamports).encode()));
    }

    public static Instruction delegate(PublicKey stakeAddress, PublicKey authority, PublicKey validator) {
        return stakeInstruction(stakeAddress, authority, new StakeInstruction.Delegate(validator));
    }

    public static Instruction deactivate(PublicKey stakeAddress, PublicKey authority) {
        return stakeInstruction(stakeAddress, authority, new StakeInstruction.Deactivate());
    }

    public static Instruction withdraw(PublicKey stakeAddress, PublicKey authority, PublicKey recipient) {
        return new Instruction(ID, List.of(state(), AccountMeta.readonly(stakeAddress, false),
                AccountMeta.readonly(authority, true), AccountMeta.writable(recipient, false)),
                new StakeInstruction.Withdraw(recipient).encode());
    }

    public static Instruction setCommission(PublicKey identity, int commissionBps) {
        return validatorInstruction(identity, new StakeInstruction.SetCommission(commissionBps));
    }

    public static Instruction rotateConsensusKey(PublicKey identity, PublicKey newKey) {
        return validatorInstruction(identity, new StakeInstruction.RotateConsensusKey(newKey));
    }

    public static Instruction unjail(PublicKey identity) {
        return validatorInstruction(identity, new StakeInstruction.Unjail());
    }

    private static Instruction stakeInstruction(PublicKey stakeAddress, PublicKey authority,
                                                StakeInstruction instruction) {
        return new Instruction(ID, List.of(state(), AccountMeta.readonly(stakeAddress, false),
                AccountMeta.readonly(authority, true)), instruction.encode());
    }

    private static Instruction validatorInstruction(PublicKey identity, StakeInstruction instruction) {
        return new Instruction(ID, List.of(state(), AccountMeta.readonly(identity, true)), instruction.encode());
    }

    private static AccountMeta state() {
        return AccountMeta.writable(STATE_ACCOUNT, false);
    }
}
