package network.mira.verification.program;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.BlockContext;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionRejectedException;
import network.mira.svm.TransactionResult;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.verifier.Verdict;

/**
 * The verification program in the real runtime (System, Compute Budget and Verification programs) over
 * an in-memory state with a staking state of the given validators; the hook runs before each block's
 * transactions as the node runs it, with a parent hash derived from the height.
 */
final class VerificationChain {
    static final String CHAIN_ID = "mira-verify-test";
    static final long FEE = 5_000;
    static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;

    final SortedMap<PublicKey, Account> state = new TreeMap<>();
    final VerificationParameters parameters;
    final List<KeyPair> validators = new ArrayList<>();
    private final TransactionExecutor executor;
    private final VerificationHook hook;
    private final SecureRandom random = new SecureRandom();
    long height = 1;
    long feesPaid;

    /** @param stakesMira each validator's self-bond, in MIRA; validators are named v0, v1, … */
    VerificationChain(VerificationParameters parameters, long... stakesMira) {
        this.parameters = parameters;
        this.executor = new TransactionExecutor(new ProgramRegistry(List.of(new SystemProgramRuntime(),
                new ComputeBudgetProgramRuntime(), new VerificationProgramRuntime(CHAIN_ID, parameters))),
                SystemProgram.ID);
        this.hook = new VerificationHook(parameters);
        List<GenesisValidator> genesis = new ArrayList<>();
        long supply = 0;
        for (int i = 0; i < stakesMira.length; i++) {
            KeyPair identity = key("v" + i);
            validators.add(identity);
            genesis.add(new GenesisValidator(identity.publicKey(), identity.publicKey(), 0,
                    key("bond" + i).publicKey(), stakesMira[i] * MIRA));
            supply += stakesMira[i] * MIRA;
            fund(identity.publicKey(), MIRA);
        }
        StakingParameters staking = StakingParameters.defaults().with("epoch_blocks", "100000");
        StakingState stakingState = StakingState.genesis(staking, supply, genesis);
        state.put(StakeProgram.STATE_ACCOUNT, new Account(0, StakingStateCodec.encode(stakingState), StakeProgram.ID,
                false));
    }

    static KeyPair key(String name) {
        return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    static Hash blockHash(long height) {
        return Hash.sha256(("block " + height).getBytes(StandardCharsets.UTF_8));
    }

    void fund(PublicKey address, long lamports) {
        state.put(address, Account.ofLamports(lamports, SystemProgram.ID));
    }

    long lamports(PublicKey address) {
        return Optional.ofNullable(state.get(address)).map(Account::lamports).orElse(0L);
    }

    long totalLamports() {
        return state.values().stream().mapToLong(Account::lamports).sum();
    }

    /** One block: the hook, then each transaction in order; returns their results. */
    List<TransactionResult> block(Transaction... transactions) {
        BlockContext context = context();
        hook.beforeTransactions(this::read, context).forEach(this::write);
        List<TransactionResult> results = new ArrayList<>();
        for (Transaction transaction : transactions) {
            try {
                TransactionOutcome outcome = executor.run(transaction, this::read, context);
                outcome.writes().forEach(this::write);
                feesPaid += outcome.result().fee();
                results.add(outcome.result());
            } catch (TransactionRejectedException e) {
                throw new AssertionError(e);
            }
        }
        height++;
        return results;
    }

    TransactionResult run(Transaction transaction) {
        return block(transaction).get(0);
    }

    /** Empty blocks until the hook of block {@code target} has run (the next block is target + 1). */
    void advanceThrough(long target) {
        while (height <= target) {
            block();
        }
    }

    Transaction transaction(KeyPair payer, Instruction... instructions) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instructions),
                Hash.sha256(new byte[] {(byte) height, (byte) (height >> 8)})), List.of(payer));
    }

    BlockContext context() {
        return new BlockContext(height, 1_764_115_200_000L + height * 400, FEE, ComputeParameters.SOLANA_DEFAULTS,
                blockHash(height - 1));
    }

    private Optional<Account> read(PublicKey address) {
        return Optional.ofNullable(state.get(address));
    }

    private void write(PublicKey address, Account account) {
        if (account.isEmpty()) {
            state.remove(address);
        } else {
            state.put(address, account);
        }
    }

    RequestRecord request(PublicKey address) {
        try {
            return RequestRecord.decode(state.get(address).data());
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    StakingState staking() {
        try {
            return StakingStateCodec.decode(state.get(StakeProgram.STATE_ACCOUNT).data());
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    AttestorStats stats(PublicKey identity) {
        Account account = state.get(VerificationProgram.attestorStats(identity));
        try {
            return account == null ? AttestorStats.NONE : AttestorStats.decode(account.data());
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** A member's sealed attestations on a request: what it commits now and reveals later. */
    final class Sealed {
        final KeyPair member;
        final PublicKey request;
        final List<Attestation> attestations = new ArrayList<>();

        Sealed(KeyPair member, PublicKey request, java.util.function.IntFunction<Verdict> verdictOfClaim) {
            this.member = member;
            this.request = request;
            RequestRecord record = request(request);
            int poolIndex = record.poolIndexOf(member.publicKey());
            for (int i = 0; i < record.claims().size(); i++) {
                if (poolIndex >= 0 && record.claims().get(i).seatOf(poolIndex) >= 0) {
                    byte[] salt = new byte[AttestationCommitment.SALT_LENGTH];
                    random.nextBytes(salt);
                    attestations.add(Attestation.sign(CHAIN_ID, record.draw().requestId(), i,
                            verdictOfClaim.apply(i), salt, member));
                }
            }
        }

        Transaction commit() {
            return transaction(member, VerificationProgram.commit(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.CommitEntry(a.claimIndex(), a.commitment())).toList()));
        }

        Transaction reveal() {
            return transaction(member, VerificationProgram.reveal(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.RevealEntry(a.claimIndex(), a.verdict(), a.salt(),
                            a.signature())).toList()));
        }
    }
}
