package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mira.core.tx.Transaction;
import network.mira.svm.parallel.SignatureVerificationStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench sigverify}: Ed25519 verification throughput of the parallel verification
 * stage per worker count, over single-signature transfers (in process). The per-core figure is the
 * ceiling for end-to-end throughput, since admission verifies every transaction once. Times are
 * the median of the repeated runs after untimed warm-up runs.
 */
@Command(name = "sigverify", mixinStandardHelpOptions = true,
        description = "Ed25519 signature verification throughput per worker count (in process, no node).")
public final class SignatureBenchCommand implements Callable<Integer> {
    static final int MAX_SIGNATURES = 1_000_000;
    /** Keys do not affect verification cost; a bounded pool keeps set-up short. */
    private static final int KEY_POOL = 1_024;

    @Spec
    CommandSpec spec;

    @Option(names = "--signatures", defaultValue = "20000",
            description = "Signatures to verify (default ${DEFAULT-VALUE}).")
    int signatures;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Worker counts to measure, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Timed runs per configuration; the median is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed runs per configuration first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (signatures < 1 || signatures > MAX_SIGNATURES) {
            throw new ParameterException(spec.commandLine(), "--signatures must be 1.." + MAX_SIGNATURES);
        }
        Measurements.checkRuns(spec, threads, repeat, warmup);
        BenchWarnings.warnIfJitLimited();
        List<Transaction> transactions = SyntheticTransfers.build(signatures, Math.min(KEY_POOL, signatures), 0)
                .transactions();
        ObjectMapper json = new ObjectMapper();
        Measurements first = null;
        Measurements last = null;
        for (int count : threads) {
            try (SignatureVerificationStage stage = new SignatureVerificationStage(count)) {
                Measurements measured = measure(stage, transactions);
                spec.commandLine().getOut().println(json.writeValueAsString(line(count, measured)));
                first = first == null ? measured : first;
                last = measured;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bench", "sigverify");
        summary.put("summary", true);
        summary.put("threads_from", threads.get(0));
        summary.put("threads_to", threads.get(threads.size() - 1));
        summary.put("scaling", Measurements.round(first.median() / last.median(), 3));
        summary.put("available_processors", Runtime.getRuntime().availableProcessors());
        spec.commandLine().getOut().println(json.writeValueAsString(summary));
        return 0;
    }

    private Measurements measure(SignatureVerificationStage stage, List<Transaction> transactions) {
        for (int i = 0; i < warmup; i++) {
            requireAllValid(stage.verify(transactions));
        }
        double[] seconds = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            boolean[] valid = stage.verify(transactions);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            requireAllValid(valid);
        }
        return new Measurements(seconds);
    }

    private static void requireAllValid(boolean[] valid) {
        for (int i = 0; i < valid.length; i++) {
            if (!valid[i]) {
                throw new IllegalStateException("benchmark signature " + i + " did not verify");
            }
        }
    }

    private Map<String, Object> line(int workers, Measurements measured) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "sigverify");
        out.put("threads", workers);
        out.put("signatures", signatures);
        out.put("seconds", Measurements.round(measured.median(), 4));
        out.put("per_second", Math.round(signatures / measured.median()));
        out.put("per_second_per_thread", Math.round(signatures / measured.median() / workers));
        out.put("best_seconds", Measurements.round(measured.best(), 4));
        out.put("mean_seconds", Measurements.round(measured.mean(), 4));
        out.put("repeat", repeat);
        return out;
    }
}
