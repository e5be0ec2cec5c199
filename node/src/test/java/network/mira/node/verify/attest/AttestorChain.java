package network.mira.node.verify.attest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
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
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationHook;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.program.VerificationProgramRuntime;

/**
 * The verification program in the real runtime over an in-memory state whose staking state names the
 * given validators, with the hook before each block's transactions, and a {@link TransactionSink} that
 * puts what the attestor submits into the next block. {@link #finalizeBlock()} runs one block and
 * returns the finalized height.
 */
final class AttestorChain implements TransactionSink {
    static final String CHAIN_ID = "mira-attest-test";
    static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;

    final SortedMap<PublicKey, Account> state = new TreeMap<>();
    final VerificationParameters parameters;
    final List<KeyPair> validators = new ArrayList<>();
    /** Everything the attestor submitted, in order, and whether the mempool took it. */
    final List<Transaction> submitted = new ArrayList<>();
    /** Submissions this predicate accepts are refused, as a full mempool would. */
    Predicate<Transaction> refuse = transaction -> false;
    /** Transaction fees charged to each fee payer by the blocks run so far. */
    final Map<PublicKey, Long> feesPaid = new HashMap<>();
    private final List<Transaction> mempool = new ArrayList<>();
    private final Map<Signature, Boolean> landed = new HashMap<>();
    private final TransactionExecutor executor;
    private final VerificationHook hook;
    long height = 1;

    AttestorChain(VerificationParameters parameters, long... stakesMira) {
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
            state.put(identity.publicKey(), Account.ofLamports(MIRA, SystemProgram.ID));
        }
        StakingState staking = StakingState.genesis(StakingParameters.defaults().with("epoch_blocks", "100000"), supply,
                genesis);
        state.put(StakeProgram.STATE_ACCOUNT, new Account(0, StakingStateCodec.encode(staking), StakeProgram.ID,
                false));
    }

    static KeyPair key(String name) {
        return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    /** The last finalized height: blocks 1 .. height - 1 have run. */
    long finalizedHeight() {
        return height - 1;
    }

    OpenRequests openRequests() {
        return new OpenRequests(address -> Optional.ofNullable(state.get(address)), this::finalizedHeight, parameters);
    }

    /** One block: the hook, then the mempool's transactions in order; returns the new finalized height. */
    long finalizeBlock(Transaction... more) {
        BlockContext context = new BlockContext(height, 1_764_115_200_000L + height * 400, 5_000,
                ComputeParameters.SOLANA_DEFAULTS, Hash.sha256(("block " + (height - 1)).getBytes(StandardCharsets.UTF_8)));
        hook.beforeTransactions(address -> Optional.ofNullable(state.get(address)), context).forEach(this::write);
        List<Transaction> block = new ArrayList<>(List.of(more));
        block.addAll(mempool);
        mempool.clear();
        for (Transaction transaction : block) {
            try {
                TransactionOutcome outcome = executor.run(transaction, address -> Optional.ofNullable(state.get(address)),
                        context);
                outcome.writes().forEach(this::write);
                feesPaid.merge(transaction.message().feePayer(), outcome.result().fee(), Long::sum);
                landed.put(transaction.id(), outcome.result().error().isEmpty());
            } catch (TransactionRejectedException e) {
                throw new AssertionError(e);
            }
        }
        height++;
        return finalizedHeight();
    }

    Transaction transaction(KeyPair payer, Instruction... instructions) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instructions),
                recentBlockhash()), List.of(payer));
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

    long lamports(PublicKey address) {
        Account account = state.get(address);
        return account == null ? 0 : account.lamports();
    }

    private void write(PublicKey address, Account account) {
        if (account.isEmpty()) {
            state.remove(address);
        } else {
            state.put(address, account);
        }
    }

    @Override
    public Hash recentBlockhash() {
        return Hash.sha256(new byte[] {(byte) height, (byte) (height >> 8)});
    }

    @Override
    public Optional<String> submit(Transaction transaction) {
        submitted.add(transaction);
        if (refuse.test(transaction)) {
            return Optional.of("MEMPOOL_FULL: refused by the test");
        }
        mempool.add(transaction);
        return Optional.empty();
    }

    @Override
    public Fate fate(Signature transaction) {
        Boolean succeeded = landed.get(transaction);
        if (succeeded != null) {
            return succeeded ? Fate.LANDED : Fate.FAILED;
        }
        return mempool.stream().anyMatch(t -> t.id().equals(transaction)) ? Fate.PENDING : Fate.UNKNOWN;
    }
}
