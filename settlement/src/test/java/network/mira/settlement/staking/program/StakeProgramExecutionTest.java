package network.mira.settlement.staking.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.EpochTransition;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakeState;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.svm.AccountOverlay;
import network.mira.svm.BlockContext;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionResult;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import org.junit.jupiter.api.Test;

/** The stake program through the real executor, with signed transactions, from genesis to withdraw. */
class StakeProgramExecutionTest {
    private static final long FEE = 5_000;
    private static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;
    private static final Hash BLOCKHASH = Hash.sha256(new byte[] {1});
    private static final StakingParameters PARAMETERS = StakingParameters.defaults().with("epoch_blocks", "10")
            .with("unbonding_epochs", "2").with("issuance_per_epoch", "0");

    private final KeyPair genesisIdentity = key(1);
    private final KeyPair identity = key(2);
    private final KeyPair selfBond = key(3);
    private final KeyPair staker = key(4);
    private final KeyPair stakeAddress = key(5);
    private final KeyPair stranger = key(6);
    private final PublicKey recipient = key(7).publicKey();
    private final PublicKey consensusKey = key(8).publicKey();

    private final Map<PublicKey, Account> committed = new TreeMap<>();
    private final AccountOverlay state = new AccountOverlay(address -> Optional.ofNullable(committed.get(address)));
    private final TransactionExecutor executor = new TransactionExecutor(new ProgramRegistry(List.of(
            new SystemProgramRuntime(), new StakeProgramRuntime(PARAMETERS))), SystemProgram.ID);
    private final List<PublicKey> known = new ArrayList<>();
    private long height = 1;

    StakeProgramExecutionTest() {
        long genesisBond = 100 * MIRA;
        GenesisValidator validator = new GenesisValidator(genesisIdentity.publicKey(), key(9).publicKey(), 1_000,
                key(10).publicKey(), genesisBond);
        long funded = 3 * 100 * MIRA;
        committed.put(StakeProgram.STATE_ACCOUNT,
                StakeProgram.genesisAccount(PARAMETERS, List.of(validator), genesisBond + funded));
        for (KeyPair key : List.of(identity, staker, stranger)) {
            committed.put(key.publicKey(), Account.ofLamports(100 * MIRA, SystemProgram.ID));
        }
        known.addAll(List.of(StakeProgram.STATE_ACCOUNT, identity.publicKey(), staker.publicKey(),
                stranger.publicKey(), selfBond.publicKey(), stakeAddress.publicKey(), recipient));
    }

    private static KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return KeyPair.fromSeed(seed);
    }

    /** Runs one transaction and checks that lamports are conserved: everything known loses exactly the fee. */
    private TransactionResult run(KeyPair payer, List<Instruction> instructions, KeyPair... signers) throws Exception {
        long before = totalLamports();
        Transaction transaction = Transaction.sign(
                MessageCompiler.compileLegacy(payer.publicKey(), instructions, BLOCKHASH), List.of(signers));
        TransactionResult result = executor.execute(transaction, state,
                new BlockContext(height, 1_000, FEE, ComputeParameters.SOLANA_DEFAULTS));
        assertThat(totalLamports()).isEqualTo(before - result.fee());
        stakingState().checkInvariants();
        assertThat(account(StakeProgram.STATE_ACCOUNT).lamports()).isGreaterThanOrEqualTo(stakingState().totalStaked());
        return result;
    }

    private long totalLamports() {
        return known.stream().mapToLong(key -> account(key).lamports()).sum();
    }

    private Account account(PublicKey key) {
        return state.get(key).orElse(Account.ofLamports(0, SystemProgram.ID));
    }

    private StakingState stakingState() throws Exception {
        return StakingStateCodec.decode(account(StakeProgram.STATE_ACCOUNT).data());
    }

    /** What consensus will do at the boundary; no rewards here (issuance 0, no fees). */
    private void nextEpoch() throws Exception {
        StakingState current = stakingState();
        Map<PublicKey, Long> signed = new TreeMap<>();
        current.currentSnapshot().members().keySet().forEach(m -> signed.put(m, PARAMETERS.epochBlocks()));
        StakingState next = EpochTransition.apply(current, current.epoch() + 1, 0, signed).state();
        state.put(StakeProgram.STATE_ACCOUNT, account(StakeProgram.STATE_ACCOUNT)
                .withData(StakingStateCodec.encode(next)));
        height = next.epoch() * PARAMETERS.epochBlocks() + 1;
    }

    private static void assertRefused(TransactionResult result, String code, String message) {
        assertThat(result.error()).isPresent();
        assertThat(result.error().get().code()).isEqualTo(code);
        assertThat(result.error().get().message()).contains(message);
    }

    private void registerAndStake(long amount) throws Exception {
        assertThat(run(identity, StakeProgram.registerValidator(identity.publicKey(), selfBond.publicKey(),
                consensusKey, 500, 2 * MIRA), identity, selfBond).error()).isEmpty();
        assertThat(run(staker, StakeProgram.createStake(staker.publicKey(), stakeAddress.publicKey(), amount),
                staker, stakeAddress).error()).isEmpty();
    }

    @Test
    void registerStakeDelegateDeactivateAndWithdrawAfterUnbonding() throws Exception {
        long stateBefore = account(StakeProgram.STATE_ACCOUNT).lamports();
        registerAndStake(3 * MIRA);
        assertThat(account(StakeProgram.STATE_ACCOUNT).lamports()).isEqualTo(stateBefore + 5 * MIRA);
        assertThat(account(identity.publicKey()).lamports()).isEqualTo(98 * MIRA - 2 * FEE);
        assertThat(state.get(stakeAddress.publicKey())).isEmpty();
        assertThat(stakingState().validator(identity.publicKey())).isPresent();

        assertThat(run(staker, List.of(StakeProgram.delegate(stakeAddress.publicKey(), staker.publicKey(),
                identity.publicKey())), staker).error()).isEmpty();
        nextEpoch();
        StakingState epochOne = stakingState();
        assertThat(epochOne.stakeState(epochOne.stakeAccount(stakeAddress.publicKey()).orElseThrow()))
                .isEqualTo(StakeState.ACTIVE);
        assertThat(epochOne.bondedTo(identity.publicKey())).isEqualTo(5 * MIRA);

        assertThat(run(staker, List.of(StakeProgram.deactivate(stakeAddress.publicKey(), staker.publicKey())),
                staker).error()).isEmpty();
        nextEpoch();
        Account stateAccount = account(StakeProgram.STATE_ACCOUNT);
        TransactionResult early = run(staker, List.of(StakeProgram.withdraw(stakeAddress.publicKey(),
                staker.publicKey(), recipient)), staker);
        assertRefused(early, "UNBONDING_NOT_COMPLETE", "2 epochs remain (withdrawable in epoch 4)");
        assertThat(account(StakeProgram.STATE_ACCOUNT)).isEqualTo(stateAccount);
        assertThat(account(recipient).lamports()).isZero();

        nextEpoch();
        nextEpoch();
        long stakerBefore = account(staker.publicKey()).lamports();
        assertThat(run(staker, List.of(StakeProgram.withdraw(stakeAddress.publicKey(), staker.publicKey(),
                recipient)), staker).error()).isEmpty();
        assertThat(account(recipient).lamports()).isEqualTo(3 * MIRA);
        assertThat(account(staker.publicKey()).lamports()).isEqualTo(stakerBefore - FEE);
        assertThat(account(StakeProgram.STATE_ACCOUNT).lamports()).isEqualTo(stateBefore + 2 * MIRA);
        assertThat(stakingState().stakeAccount(stakeAddress.publicKey())).isEmpty();
    }

    @Test
    void anotherSignerIsNotTheAuthorityAndAnUnsignedAuthorityIsRefused() throws Exception {
        registerAndStake(MIRA);
        Account stateAccount = account(StakeProgram.STATE_ACCOUNT);
        TransactionResult wrong = run(stranger, List.of(StakeProgram.delegate(stakeAddress.publicKey(),
                stranger.publicKey(), identity.publicKey())), stranger);
        assertRefused(wrong, "WRONG_AUTHORITY", "is controlled by " + staker.publicKey());
        Instruction unsigned = new Instruction(StakeProgram.ID, List.of(
                AccountMeta.writable(StakeProgram.STATE_ACCOUNT, false),
                AccountMeta.readonly(stakeAddress.publicKey(), false), AccountMeta.readonly(staker.publicKey(), false)),
                new StakeInstruction.Delegate(identity.publicKey()).encode());
        assertRefused(run(stranger, List.of(unsigned), stranger), "MISSING_REQUIRED_SIGNATURE", "must sign");
        assertThat(account(StakeProgram.STATE_ACCOUNT)).isEqualTo(stateAccount);
    }

    @Test
    void delegatingToAnUnknownOrTombstonedValidatorIsRefused() throws Exception {
        registerAndStake(MIRA);
        assertRefused(run(staker, List.of(StakeProgram.delegate(stakeAddress.publicKey(), staker.publicKey(),
                stranger.publicKey())), staker), "UNKNOWN_VALIDATOR", "no validator " + stranger.publicKey());
        StakingResult slashed = Slashing.slashDoubleSign(stakingState(), genesisIdentity.publicKey(), 0,
                Hash.sha256(new byte[] {9}));
        state.put(StakeProgram.STATE_ACCOUNT, account(StakeProgram.STATE_ACCOUNT)
                .withData(StakingStateCodec.encode(((StakingResult.Applied) slashed).state())));
        Account stateAccount = account(StakeProgram.STATE_ACCOUNT);
        assertRefused(run(staker, List.of(StakeProgram.delegate(stakeAddress.publicKey(), staker.publicKey(),
                genesisIdentity.publicKey())), staker), "VALIDATOR_TOMBSTONED", "tombstoned");
        assertThat(account(StakeProgram.STATE_ACCOUNT)).isEqualTo(stateAccount);
    }

    @Test
    void theStateAccountMustBeTheOneWritableStateAccount() throws Exception {
        Instruction wrongState = new Instruction(StakeProgram.ID, List.of(
                AccountMeta.writable(recipient, false), AccountMeta.readonly(identity.publicKey(), true)),
                new StakeInstruction.Unjail().encode());
        assertRefused(run(identity, List.of(wrongState), identity), "INVALID_STATE_ACCOUNT",
                "must be the stake state account");
        Instruction readonlyState = new Instruction(StakeProgram.ID, List.of(
                AccountMeta.readonly(StakeProgram.STATE_ACCOUNT, false), AccountMeta.readonly(identity.publicKey(), true)),
                new StakeInstruction.Unjail().encode());
        assertRefused(run(identity, List.of(readonlyState), identity), "STATE_ACCOUNT_NOT_WRITABLE", "must be writable");
        Instruction extra = new Instruction(StakeProgram.ID, List.of(
                AccountMeta.writable(StakeProgram.STATE_ACCOUNT, false), AccountMeta.readonly(identity.publicKey(), true),
                AccountMeta.readonly(recipient, false)), new StakeInstruction.Unjail().encode());
        assertRefused(run(identity, List.of(extra), identity), "WRONG_ACCOUNT_COUNT", "declares 2 accounts, got 3");
    }

    @Test
    void operatorInstructionsReachTheRulesAndAStaleEpochIsRefused() throws Exception {
        registerAndStake(MIRA);
        assertRefused(run(identity, List.of(StakeProgram.unjail(identity.publicKey())), identity), "NOT_JAILED",
                "is INACTIVE");
        assertThat(run(identity, List.of(StakeProgram.setCommission(identity.publicKey(), 550)), identity).error())
                .isEmpty();
        assertThat(run(identity, List.of(StakeProgram.rotateConsensusKey(identity.publicKey(), key(11).publicKey())),
                identity).error()).isEmpty();
        assertThat(stakingState().validator(identity.publicKey()).orElseThrow().commissionBps()).isEqualTo(550);
        height = PARAMETERS.epochBlocks();
        assertRefused(run(identity, List.of(StakeProgram.unjail(identity.publicKey())), identity),
                "STAKE_EPOCH_NOT_APPLIED", "height 10 is in epoch 1 but the stake state is at epoch 0");
    }

    @Test
    void aDepositMustBeExactlyTheStakedAmount() throws Exception {
        List<Instruction> create = StakeProgram.createStake(staker.publicKey(), stakeAddress.publicKey(), MIRA);
        Instruction mismatched = new Instruction(StakeProgram.ID, create.get(1).accounts(),
                new StakeInstruction.CreateStake(2 * MIRA).encode());
        assertRefused(run(staker, List.of(create.get(0), mismatched), staker, stakeAddress), "INVALID_DEPOSIT",
                "must be created by System CreateAccount with 2000000000 lamports");
        assertThat(state.get(stakeAddress.publicKey())).isEmpty();
    }
}
