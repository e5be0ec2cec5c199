package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.AccountReader;
import network.mira.svm.TransactionOutcome;
import network.mira.svm.TransactionResult;
import network.mira.verification.claims.ClaimLimits;
import network.mira.verification.program.ProgramSandbox;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.verifier.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench verification}: what the verification program costs a block, in process, with the real
 * runtime and program under the default genesis parameters, over an in-memory state of equal validators.
 * It walks R requests of C claims through their life (request, draw, commit, reveal, resolution) and, at
 * each step, times the step's work against the same state without applying it, so every timed run does
 * the same work: executing one Request transaction and one member's Commit and Reveal (signature-free, as
 * the block executor runs them; the Reveal checks each attestation's Ed25519 signature), and the hook's
 * draw and resolution of all R requests. Times are the median of the timed runs, after untimed warm-up runs.
 */
@Command(name = "verification", mixinStandardHelpOptions = true,
        description = "What the verification program costs a block: request, draw, commit, reveal, resolution "
                + "(in process, no node).")
public final class VerificationBenchCommand implements Callable<Integer> {
    private static final VerificationParameters PARAMETERS = VerificationParameters.defaults();
    private static final long REQUEST_FEE = 1_000_000;
    private static final String CHAIN_ID = "mira-verification-bench";
    private static final long SELF_BOND_LAMPORTS = 1_000 * ProgramSandbox.MIRA;

    @Spec
    CommandSpec spec;

    @Option(names = "--validators", defaultValue = "100",
            description = "Validators with equal stake, all eligible (default ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--claims", defaultValue = "64", description = "Explicit claims per request (default "
            + "${DEFAULT-VALUE}).")
    int claims;

    @Option(names = "--committee", defaultValue = "5", description = "Committee size per claim (default "
            + "${DEFAULT-VALUE}).")
    int committee;

    @Option(names = "--requests", defaultValue = "16", description = "Requests opened in one block, drawn and "
            + "resolved together (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--iterations", defaultValue = "5", description = "Timed runs of each step; the median is "
            + "reported (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "200", description = "Untimed runs of each step first (default "
            + "${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        validate();
        BenchWarnings.warnIfJitLimited();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "verification");
        out.put("validators", validators);
        out.put("claims", claims);
        out.put("committee", committee);
        out.put("requests", requests);
        out.put("iterations", iterations);
        out.put("warmup", warmup);
        measure(out);
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
        } else {
            printText(out);
        }
        return 0;
    }

    private void validate() {
        if (validators < 1 || validators > 10_000) {
            throw new ParameterException(spec.commandLine(), "--validators must be 1..10000");
        }
        if (claims < 1 || claims > ClaimLimits.MAX_CLAIMS) {
            throw new ParameterException(spec.commandLine(), "--claims must be 1.." + ClaimLimits.MAX_CLAIMS);
        }
        if (committee < 1 || committee > PARAMETERS.maxCommittee()) {
            throw new ParameterException(spec.commandLine(), "--committee must be 1.." + PARAMETERS.maxCommittee()
                    + " (verification_max_committee)");
        }
        if (requests < 1 || requests > PARAMETERS.maxRequestsPerBlock()) {
            throw new ParameterException(spec.commandLine(), "--requests must be 1.."
                    + PARAMETERS.maxRequestsPerBlock() + " (verification_max_requests_per_block)");
        }
        if (iterations < 1 || iterations > 100 || warmup < 0 || warmup > 10_000) {
            throw new ParameterException(spec.commandLine(), "--iterations must be 1..100 and --warmup 0..10000");
        }
    }

    /** The program over a state of {@code validators} equal validators, each drawn into committees alike. */
    private ProgramSandbox sandbox() {
        StakingParameters staking = StakingParameters.defaults().with("epoch_blocks", "10000000")
                .with("max_validators", Integer.toString(validators));
        long[] selfBonds = new long[validators];
        Arrays.fill(selfBonds, SELF_BOND_LAMPORTS);
        return new ProgramSandbox(CHAIN_ID, PARAMETERS, staking, selfBonds);
    }

    /** Applies one block: the hook, then each transaction, each of which must succeed. */
    private static void block(ProgramSandbox chain, List<Transaction> transactions) {
        for (TransactionResult result : chain.block(transactions)) {
            if (!result.succeeded()) {
                throw new IllegalStateException("benchmark transaction failed: " + result);
            }
        }
    }

    /** The requests' life, block by block, timing each step on the way; figures go into {@code out}. */
    private void measure(Map<String, Object> out) {
        ProgramSandbox chain = sandbox();
        KeyPair requester = ProgramSandbox.key("requester");
        chain.fund(requester.publicKey(), Math.multiplyExact(requests + 1L, 2 * REQUEST_FEE));
        RequestBody body = RequestBody.claims(claimTexts());
        List<Transaction> opening = new ArrayList<>();
        for (int nonce = 0; nonce < requests; nonce++) {
            opening.add(chain.transaction(requester, VerificationProgram.request(requester.publicKey(), nonce,
                    REQUEST_FEE, committee, 0, body)));
        }
        out.put("request_tx_bytes", opening.get(0).serialize().length);
        out.put("request_ms", millis(timed(transactionRun(chain, opening.get(0)))));
        block(chain, opening);

        out.put("draw_ms", millis(timed(chain::runHook)));
        block(chain, List.of());

        List<PublicKey> addresses = new ArrayList<>();
        for (int nonce = 0; nonce < requests; nonce++) {
            addresses.add(VerificationProgram.requestAddress(requester.publicKey(), nonce));
        }
        RequestRecord first = chain.request(addresses.get(0));
        List<ProgramSandbox.Sealed> sealed = sealAll(chain, addresses);
        // The measured member: the one with the most seats on the first request.
        ProgramSandbox.Sealed member = sealed.stream().filter(s -> s.request().equals(addresses.get(0)))
                .max(Comparator.comparingInt(ProgramSandbox.Sealed::seats)).orElseThrow();
        out.put("member_seats", member.seats());
        Transaction commit = chain.transaction(member.member(), member.commit());
        out.put("commit_tx_bytes", commit.serialize().length);
        out.put("commit_ms", millis(timed(transactionRun(chain, commit))));
        block(chain, sealed.stream().map(s -> chain.transaction(s.member(), s.commit())).toList());

        chain.advanceThrough(first.draw().commitDeadline());
        Transaction reveal = chain.transaction(member.member(), member.reveal());
        out.put("reveal_tx_bytes", reveal.serialize().length);
        out.put("reveal_ms", millis(timed(transactionRun(chain, reveal))));
        block(chain, sealed.stream().map(s -> chain.transaction(s.member(), s.reveal())).toList());

        chain.advanceThrough(first.draw().revealDeadline());
        out.put("resolution_ms", millis(timed(chain::runHook)));
        block(chain, List.of());
        RequestRecord resolved = chain.request(addresses.get(0));
        if (resolved.phase() != RequestPhase.RESOLVED) {
            throw new IllegalStateException("request not resolved after its reveal deadline: " + resolved.phase());
        }
        out.put("resolved_request_bytes", chain.account(addresses.get(0)).dataLength());
    }

    /** C distinct claims of a realistic length (about 60 bytes). */
    private List<String> claimTexts() {
        List<String> texts = new ArrayList<>(claims);
        for (int i = 0; i < claims; i++) {
            texts.add("Benchmark claim number " + i + ": the measured quantity equals " + (i * 7 + 3) + " units");
        }
        return texts;
    }

    /** Every drawn member of every request, with an honest verdict on each of its seats. */
    private static List<ProgramSandbox.Sealed> sealAll(ProgramSandbox chain, List<PublicKey> addresses) {
        List<ProgramSandbox.Sealed> sealed = new ArrayList<>();
        for (PublicKey address : addresses) {
            for (KeyPair validator : chain.validators()) {
                ProgramSandbox.Sealed member = chain.seal(validator, address,
                        claim -> claim % 2 == 0 ? Verdict.TRUE : Verdict.FALSE);
                if (member.seats() > 0) {
                    sealed.add(member);
                }
            }
        }
        return sealed;
    }

    /** Runs {@code transaction} in the next block against the state after its hook; it must succeed. */
    private static Supplier<TransactionOutcome> transactionRun(ProgramSandbox chain, Transaction transaction) {
        AccountReader afterHook = chain.afterHook();
        return () -> {
            TransactionOutcome outcome = chain.runTransaction(transaction, afterHook);
            if (!outcome.result().succeeded()) {
                throw new IllegalStateException("benchmark transaction failed: " + outcome.result());
            }
            return outcome;
        };
    }

    private Measurements timed(Supplier<?> step) {
        for (int i = 0; i < warmup; i++) {
            step.get();
        }
        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            step.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return new Measurements(seconds);
    }

    private static double millis(Measurements measurements) {
        return Measurements.round(measurements.median() * 1e3, 4);
    }

    private void printText(Map<String, Object> out) {
        int width = out.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Object> entry : out.entrySet()) {
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", entry.getKey(), entry.getValue());
        }
    }
}
