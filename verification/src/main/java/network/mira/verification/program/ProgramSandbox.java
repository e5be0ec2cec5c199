package network.mira.verification.program;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import network.mira.svm.TransactionResult;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.verifier.Verdict;

/**
 * The verification program over an in-memory state, for benchmarks and tests; the node does not use it.
 *
 * <p>Runs the real runtime (System, Compute Budget and Verification programs) with
 * {@link VerificationHook} before each block's transactions, as the node runs them. The state starts
 * with a genesis staking state at {@link StakeProgram#STATE_ACCOUNT} naming one validator per self-bond:
 * validator {@code i} is {@link #key key("v" + i)}, holds 1 MIRA and self-bonds from {@code key("bond" + i)}.
 * Block {@code h}'s hash is {@link #blockHash blockHash(h)}, so draws are deterministic; salts are random.
 */
public class ProgramSandbox {
    public static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;
    public static final long LAMPORTS_PER_SIGNATURE = 5_000;
    private static final long GENESIS_MILLIS = 1_764_115_200_000L;
    private static final long BLOCK_MILLIS = 400;

    private final String chainId;
    private final VerificationParameters parameters;
    private final TransactionExecutor executor;
    private final VerificationHook hook;
    private final SortedMap<PublicKey, Account> state = new TreeMap<>();
    private final List<KeyPair> validators = new ArrayList<>();
    private final Map<PublicKey, Long> feesPaid = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long height = 1;

    /**
     * @param staking the staking parameters of the genesis staking state
     * @param selfBondsLamports each validator's self-bond; at least one validator
     */
    public ProgramSandbox(String chainId, VerificationParameters parameters, StakingParameters staking,
                          long... selfBondsLamports) {
        if (selfBondsLamports.length < 1) {
            throw new IllegalArgumentException("at least one validator, got none");
        }
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.executor = new TransactionExecutor(new ProgramRegistry(List.of(new SystemProgramRuntime(),
                new ComputeBudgetProgramRuntime(), new VerificationProgramRuntime(chainId, parameters))),
                SystemProgram.ID);
        this.hook = new VerificationHook(parameters);
        List<GenesisValidator> genesis = new ArrayList<>();
        long supply = 0;
        for (int i = 0; i < selfBondsLamports.length; i++) {
            KeyPair identity = key("v" + i);
            validators.add(identity);
            genesis.add(new GenesisValidator(identity.publicKey(), identity.publicKey(), 0,
                    key("bond" + i).publicKey(), selfBondsLamports[i]));
            supply = Math.addExact(supply, selfBondsLamports[i]);
            fund(identity.publicKey(), MIRA);
        }
        StakingState stakingState = StakingState.genesis(staking, supply, genesis);
        state.put(StakeProgram.STATE_ACCOUNT, new Account(0, StakingStateCodec.encode(stakingState), StakeProgram.ID,
                false));
    }

    /** A key pair derived from {@code name}: the same name gives the same key in every run. */
    public static KeyPair key(String name) {
        return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    /** The hash of block {@code height}, the parent hash of block {@code height + 1}. */
    public static Hash blockHash(long height) {
        return Hash.sha256(("block " + height).getBytes(StandardCharsets.UTF_8));
    }

    public String chainId() {
        return chainId;
    }

    public VerificationParameters parameters() {
        return parameters;
    }

    /** The genesis validators' identities, in the order of their self-bonds. */
    public List<KeyPair> validators() {
        return Collections.unmodifiableList(validators);
    }

    /** The height of the next block: blocks 1 .. height - 1 have run. */
    public long height() {
        return height;
    }

    /** The whole state, read-only. */
    public SortedMap<PublicKey, Account> state() {
        return Collections.unmodifiableSortedMap(state);
    }

    public AccountReader reader() {
        return address -> Optional.ofNullable(state.get(address));
    }

    /** Replaces {@code address} with a System account holding {@code lamports}. */
    public void fund(PublicKey address, long lamports) {
        state.put(address, Account.ofLamports(lamports, SystemProgram.ID));
    }

    public long lamports(PublicKey address) {
        Account account = state.get(address);
        return account == null ? 0 : account.lamports();
    }

    public long totalLamports() {
        return state.values().stream().mapToLong(Account::lamports).sum();
    }

    /** The account at {@code address}, which must exist. */
    public Account account(PublicKey address) {
        return Optional.ofNullable(state.get(address))
                .orElseThrow(() -> new IllegalStateException("no account " + address));
    }

    public RequestRecord request(PublicKey address) {
        try {
            return RequestRecord.decode(account(address).data());
        } catch (DecodeException e) {
            throw new IllegalStateException("request " + address + " does not decode", e);
        }
    }

    public StakingState staking() {
        try {
            return StakingStateCodec.decode(account(StakeProgram.STATE_ACCOUNT).data());
        } catch (DecodeException e) {
            throw new IllegalStateException("the staking state does not decode", e);
        }
    }

    /** The attestor statistics of {@code identity}, {@link AttestorStats#NONE} if it has none. */
    public AttestorStats stats(PublicKey identity) {
        Account account = state.get(VerificationProgram.attestorStats(identity));
        try {
            return account == null ? AttestorStats.NONE : AttestorStats.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("attestor stats of " + identity + " do not decode", e);
        }
    }

    /** Transaction fees charged by the blocks run so far, to every fee payer. */
    public long feesPaid() {
        return feesPaid.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Transaction fees charged to {@code payer} by the blocks run so far. */
    public long feesPaidBy(PublicKey payer) {
        return feesPaid.getOrDefault(payer, 0L);
    }

    /** The context of the next block; its parent hash is {@link #blockHash blockHash(height - 1)}. */
    public BlockContext context() {
        return new BlockContext(height, GENESIS_MILLIS + height * BLOCK_MILLIS, LAMPORTS_PER_SIGNATURE,
                ComputeParameters.SOLANA_DEFAULTS, blockHash(height - 1));
    }

    /** The next block's hook, computed and not applied. */
    public SortedMap<PublicKey, Account> runHook() {
        return hook.beforeTransactions(reader(), context());
    }

    /** The state after the next block's hook, which is not applied: read this for {@link #runTransaction}. */
    public AccountReader afterHook() {
        SortedMap<PublicKey, Account> writes = runHook();
        return address -> {
            Account written = writes.get(address);
            if (written != null) {
                return written.isEmpty() ? Optional.empty() : Optional.of(written);
            }
            return Optional.ofNullable(state.get(address));
        };
    }

    /** One transaction in the next block over {@code reader}, computed and not applied; it must not be rejected. */
    public TransactionOutcome runTransaction(Transaction transaction, AccountReader reader) {
        try {
            return executor.run(transaction, reader, context());
        } catch (TransactionRejectedException e) {
            throw new IllegalStateException("transaction rejected: " + e.getMessage(), e);
        }
    }

    /**
     * Applies one block: the hook, then each transaction in order, none of which may be rejected (a
     * failed transaction still lands and pays its fee). Returns their results in order.
     */
    public List<TransactionResult> block(List<Transaction> transactions) {
        runHook().forEach(this::write);
        List<TransactionResult> results = new ArrayList<>(transactions.size());
        for (Transaction transaction : transactions) {
            TransactionOutcome outcome = runTransaction(transaction, reader());
            outcome.writes().forEach(this::write);
            feesPaid.merge(transaction.message().feePayer(), outcome.result().fee(), Long::sum);
            results.add(outcome.result());
        }
        height++;
        return results;
    }

    /** Empty blocks until the hook of block {@code target} has run (the next block is target + 1). */
    public void advanceThrough(long target) {
        while (height <= target) {
            block(List.of());
        }
    }

    /** The hash transactions built now name as recent: the last block's. */
    public Hash recentBlockhash() {
        return blockHash(height - 1);
    }

    /** {@code instructions} in a transaction paid and signed by {@code payer}. */
    public Transaction transaction(KeyPair payer, Instruction... instructions) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instructions),
                recentBlockhash()), List.of(payer));
    }

    /** A member's attestations, with fresh salts, on every claim of a request where it holds a seat. */
    public Sealed seal(KeyPair member, PublicKey requestAddress, IntFunction<Verdict> verdictOfClaim) {
        RequestRecord record = request(requestAddress);
        int poolIndex = record.poolIndexOf(member.publicKey());
        List<Attestation> attestations = new ArrayList<>();
        for (int i = 0; poolIndex >= 0 && i < record.claims().size(); i++) {
            if (record.claims().get(i).seatOf(poolIndex) >= 0) {
                byte[] salt = new byte[AttestationCommitment.SALT_LENGTH];
                random.nextBytes(salt);
                attestations.add(Attestation.sign(chainId, record.draw().requestId(), i, verdictOfClaim.apply(i),
                        salt, member));
            }
        }
        return new Sealed(member, requestAddress, attestations);
    }

    /** A member's sealed attestations on a request: what it commits now and reveals later. */
    public record Sealed(KeyPair member, PublicKey request, List<Attestation> attestations) {
        public Sealed {
            attestations = List.copyOf(attestations);
        }

        /** The number of seats, one attestation each. */
        public int seats() {
            return attestations.size();
        }

        public Instruction commit() {
            return VerificationProgram.commit(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.CommitEntry(a.claimIndex(), a.commitment())).toList());
        }

        public Instruction reveal() {
            return VerificationProgram.reveal(member.publicKey(), request, attestations.stream()
                    .map(a -> new VerificationInstruction.RevealEntry(a.claimIndex(), a.verdict(), a.salt(),
                            a.signature())).toList());
        }
    }

    private void write(PublicKey address, Account account) {
        if (account.isEmpty()) {
            state.remove(address);
        } else {
            state.put(address, account);
        }
    }
}
