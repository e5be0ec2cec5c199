package network.mira.node.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
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
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionRejectedException;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationHook;
import network.mira.verification.program.VerificationInstruction;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.program.VerificationProgramRuntime;
import network.mira.verification.verifier.Verdict;

/**
 * The verification program as the node runs it (System, Compute Budget and Verification programs, and
 * {@link VerificationHook} before each block's transactions) over an in-memory state holding a staking
 * state of equal validators. Blocks are applied one at a time; {@link #runTransaction} and {@link #runHook}
 * compute a block's work without applying it, so a benchmark can repeat exactly the same work.
 */
final class VerificationBenchChain {
    static final String CHAIN_ID = "mira-verification-bench";
    static final long LAMPORTS_PER_SIGNATURE = 5_000;
    private static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;
    private static final long SELF_BOND_MIRA = 1_000;

    private final SortedMap<PublicKey, Account> state = new TreeMap<>();
    private final TransactionExecutor executor;
    private final VerificationHook hook;
    private final SecureRandom random = new SecureRandom();
    private final List<KeyPair> validators = new ArrayList<>();
    private long height = 1;

    VerificationBenchChain(VerificationParameters parameters, int validatorCount) {
        if (validatorCount < 1) {
            throw new IllegalArgumentException("at least one validator, got " + validatorCount);
        }
        this.executor = new TransactionExecutor(new ProgramRegistry(List.of(new SystemProgramRuntime(),
                new ComputeBudgetProgramRuntime(), new VerificationProgramRuntime(CHAIN_ID, parameters))),
                SystemProgram.ID);
        this.hook = new VerificationHook(parameters);
        List<GenesisValidator> genesis = new ArrayList<>();
        for (int i = 0; i < validatorCount; i++) {
            KeyPair identity = key("validator " + i);
            validators.add(identity);
            genesis.add(new GenesisValidator(identity.publicKey(), identity.publicKey(), 0,
                    key("self-bond " + i).publicKey(), SELF_BOND_MIRA * MIRA));
            fund(identity.publicKey(), MIRA);
        }
        StakingParameters staking = StakingParameters.defaults().with("epoch_blocks", "10000000")
                .with("max_validators", Integer.toString(validatorCount));
        StakingState stakingState = StakingState.genesis(staking, SELF_BOND_MIRA * MIRA * validatorCount, genesis);
        state.put(StakeProgram.STATE_ACCOUNT, new Account(0, StakingStateCodec.encode(stakingState), StakeProgram.ID,
                false));
    }

    static KeyPair key(String name) {
        return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    List<KeyPair> validators() {
        return validators;
    }

    /** The height of the next block. */
    long height() {
        return height;
    }

    void fund(PublicKey address, long lamports) {
        state.put(address, Account.ofLamports(lamports, SystemProgram.ID));
    }

    Account account(PublicKey address) {
        return Optional.ofNullable(state.get(address))
                .orElseThrow(() -> new IllegalStateException("no account " + address));
    }

    RequestRecord request(PublicKey address) {
        try {
            return RequestRecord.decode(account(address).data());
        } catch (DecodeException e) {
            throw new IllegalStateException("request " + address + " does not decode", e);
        }
    }

    /** The next block's hook, computed and not applied. */
    SortedMap<PublicKey, Account> runHook() {
        return hook.beforeTransactions(reader(), context());
    }

    /** One transaction in the next block after its hook has been applied, computed and not applied. */
    TransactionOutcome runTransaction(Transaction transaction, AccountReader afterHook) {
        try {
            return executor.run(transaction, afterHook, context());
        } catch (TransactionRejectedException e) {
            throw new IllegalStateException("benchmark transaction rejected: " + e.getMessage(), e);
        }
    }

    /** The state after the next block's hook: read this for {@link #runTransaction}. */
    AccountReader afterHook() {
        SortedMap<PublicKey, Account> writes = runHook();
        return address -> {
            Account written = writes.get(address);
            if (written != null) {
                return written.isEmpty() ? Optional.empty() : Optional.of(written);
            }
            return Optional.ofNullable(state.get(address));
        };
    }

    /** Applies one block: the hook, then each transaction, each of which must succeed. */
    void block(List<Transaction> transactions) {
        hook.beforeTransactions(reader(), context()).forEach(this::write);
        for (Transaction transaction : transactions) {
            TransactionOutcome outcome = runTransaction(transaction, reader());
            if (!outcome.result().succeeded()) {
                throw new IllegalStateException("benchmark transaction failed: " + outcome.result());
            }
            outcome.writes().forEach(this::write);
        }
        height++;
    }

    /** Empty blocks until the hook of block {@code target} has run. */
    void advanceThrough(long target) {
        while (height <= target) {
            block(List.of());
        }
    }

    Transaction transaction(KeyPair payer, Instruction instruction) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instruction),
                Hash.sha256(("bench block " + height).getBytes(StandardCharsets.UTF_8))), List.of(payer));
    }

    /** A member's sealed attestations on every claim where it holds a seat: committed, then revealed. */
    Sealed seal(KeyPair member, PublicKey requestAddress, IntFunction<Verdict> verdictOfClaim) {
        RequestRecord record = request(requestAddress);
        int poolIndex = record.poolIndexOf(member.publicKey());
        List<Attestation> attestations = new ArrayList<>();
        for (int i = 0; poolIndex >= 0 && i < record.claims().size(); i++) {
            if (record.claims().get(i).seatOf(poolIndex) >= 0) {
                byte[] salt = new byte[AttestationCommitment.SALT_LENGTH];
                random.nextBytes(salt);
                attestations.add(Attestation.sign(CHAIN_ID, record.draw().requestId(), i, verdictOfClaim.apply(i),
                        salt, member));
            }
        }
        return new Sealed(member, requestAddress, List.copyOf(attestations));
    }

    record Sealed(KeyPair member, PublicKey request, List<Attestation> attestations) {
        int seats() {
            return attestations.size();
        }

        Instruction commit() {
            return VerificationProgram.commit(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.CommitEntry(a.claimIndex(), a.commitment())).toList());
        }

        Instruction reveal() {
            return VerificationProgram.reveal(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.RevealEntry(a.claimIndex(), a.verdict(), a.salt(),
                            a.signature())).toList());
        }
    }

    private BlockContext context() {
        return new BlockContext(height, 1_764_115_200_000L + height * 400, LAMPORTS_PER_SIGNATURE,
                ComputeParameters.SOLANA_DEFAULTS,
                Hash.sha256(("bench block " + (height - 1)).getBytes(StandardCharsets.UTF_8)));
    }

    private AccountReader reader() {
        return address -> Optional.ofNullable(state.get(address));
    }

    private void write(PublicKey address, Account account) {
        if (account.isEmpty()) {
            state.remove(address);
        } else {
            state.put(address, account);
        }
    }
}
