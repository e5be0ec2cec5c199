package network.mira.sessions.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.sessions.scope.SessionScope;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Blocks mixing session uses (of one session, of several sessions of one owner, of different
 * owners) with direct transfers touching the same owners execute in parallel exactly as serially:
 * uses of one session serialize on its account, so no interleaving can spend past a limit.
 */
class SessionParallelEqualsSerialPropertyTest {
    private static final int OWNERS = 3;
    private static final long START_MS = 1_764_115_200_000L;
    private static final BlockContext BLOCK = new BlockContext(2, START_MS + 1_000, 5_000,
            ComputeParameters.SOLANA_DEFAULTS);
    private static final TransactionExecutor EXECUTOR = new TransactionExecutor(new ProgramRegistry(List.of(
            new SystemProgramRuntime(), new ComputeBudgetProgramRuntime(),
            new SessionProgramRuntime(SessionChain.CHAIN_ID, SessionChain.MAX_LIFETIME_MS))), SystemProgram.ID);
    private static ParallelBlockExecutor parallel;

    /** kind 0: a session use by owner {@code owner}'s key; 1: a direct transfer from the owner; 2: to the owner. */
    record Spec(int kind, int owner, int amount) {}

    @BeforeContainer
    static void start() {
        parallel = new ParallelBlockExecutor(EXECUTOR, 2, 1);
    }

    @AfterContainer
    static void stop() {
        parallel.close();
    }

    @Provide
    Arbitrary<List<Spec>> blocks() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, OWNERS - 1),
                Arbitraries.integers().between(0, 4_000)).as(Spec::new).list().ofMinSize(1).ofMaxSize(24);
    }

    @Property(tries = 150)
    void parallelEqualsSerial(@ForAll("blocks") List<Spec> specs) {
        SessionChain chain = new SessionChain();
        List<KeyPair> owners = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        KeyPair stranger = SessionChain.key("stranger");
        chain.fund(stranger.publicKey(), 100_000_000);
        PublicKey bob = SessionChain.key("bob").publicKey();
        for (int i = 0; i < OWNERS; i++) {
            KeyPair owner = SessionChain.key("owner " + i);
            KeyPair key = SessionChain.key("key " + i);
            owners.add(owner);
            keys.add(key);
            chain.fund(owner.publicKey(), 50_000);
            chain.fund(key.publicKey(), 10_000_000);
            SessionScope scope = new SessionScope(Optional.empty(), OptionalLong.of(9_000), OptionalLong.of(3_000),
                    OptionalLong.of(6), Optional.empty(), 0);
            chain.run(owner, List.of(SessionProgram.createSession(owner.publicKey(), owner.publicKey(),
                    key.publicKey(), START_MS + 600_000, i, "par.example", scope)), owner);
        }
        List<Transaction> block = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            KeyPair owner = owners.get(spec.owner());
            Hash blockhash = Hash.sha256(new byte[] {(byte) i, 7});
            if (spec.kind() == 0) {
                KeyPair key = keys.get(spec.owner());
                Instruction use = SessionProgram.act(SessionProgram.sessionAddress(owner.publicKey(), spec.owner()),
                        key.publicKey(), owner.publicKey(), SystemProgram.transfer(owner.publicKey(), bob, spec.amount()));
                block.add(Transaction.sign(MessageCompiler.compileLegacy(key.publicKey(), List.of(use), blockhash),
                        List.of(key)));
            } else if (spec.kind() == 1) {
                block.add(Transaction.sign(MessageCompiler.compileLegacy(owner.publicKey(), List.of(
                        SystemProgram.transfer(owner.publicKey(), bob, spec.amount())), blockhash), List.of(owner)));
            } else {
                block.add(Transaction.sign(MessageCompiler.compileLegacy(stranger.publicKey(), List.of(
                        SystemProgram.transfer(stranger.publicKey(), owner.publicKey(), spec.amount())), blockhash),
                        List.of(stranger)));
            }
        }
        SortedMap<PublicKey, Account> state = new TreeMap<>(chain.state);
        BlockExecution serial = new SerialBlockExecutor(EXECUTOR).execute(block,
                address -> Optional.ofNullable(state.get(address)), BLOCK);
        BlockExecution inParallel = parallel.execute(block, address -> Optional.ofNullable(state.get(address)), BLOCK);

        assertThat(inParallel.changes()).isEqualTo(serial.changes());
        for (int i = 0; i < block.size(); i++) {
            BlockExecution.Entry s = serial.entries().get(i);
            BlockExecution.Entry p = inParallel.entries().get(i);
            assertThat(p.result()).as("transaction %d", i).isEqualTo(s.result());
            assertThat(p.rejection().map(Throwable::getMessage)).isEqualTo(s.rejection().map(Throwable::getMessage));
        }
    }
}
