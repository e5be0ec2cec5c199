package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mira.core.tx.Transaction;
import network.mira.svm.AccountReader;
import network.mira.svm.BlockContext;
import network.mira.svm.BlockExecution;
import network.mira.svm.BlockExecutor;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.compute.ComputeParameters;
import network.mira.svm.parallel.ParallelBlockExecutor;
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench execution}: execution-only throughput of one block of System transfers, in
 * process, against an in-memory funded state (a map): no signature checks, no storage, no network.
 * Measures the serial reference executor, then the parallel engine per worker count, and prints one
 * JSON object per configuration and a summary line with the scaling ratio (first over last worker
 * count) and the speed-up over the serial reference. Times are the median of the repeated runs
 * (best and mean beside it; collections during the timed runs are reported), after warm-up runs
 * that are not timed. Each parallel configuration is first checked to give the serial result.
 */
@Command(name = "execution", mixinStandardHelpOptions = true,
        description = "Execution-only throughput of a block of transfers per worker count (in process, no node).")
public final class ExecutionBenchCommand implements Callable<Integer> {
    static final int MAX_TRANSFERS = 1_000_000;
    private static final long LAMPORTS_PER_SIGNATURE = 5_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--transfers", defaultValue = "50000",
            description = "Transfers in the block (default ${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Worker counts to measure, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--conflict", defaultValue = "0",
            description = "Fraction 0..1 of transfers that pay one shared hot account (default ${DEFAULT-VALUE}).")
    double conflict;

    @Option(names = "--senders", description = "Distinct senders, transfer i from sender i mod senders "
            + "(default: one per transfer, so conflict 0 means no shared writable account).")
    Integer senders;

    @Option(names = "--repeat", defaultValue = "3",
            description = "Timed runs per configuration; the median is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Untimed runs per configuration first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        validate();
        ObjectMapper json = new ObjectMapper();
        BenchWarnings.warnIfJitLimited();
        int senderCount = senders == null ? transfers : senders;
        long buildStart = System.nanoTime();
        SyntheticTransfers block = SyntheticTransfers.build(transfers, senderCount, conflict);
        System.err.printf("built %d signed transfers in %.1f s%n", transfers, (System.nanoTime() - buildStart) / 1e9);

        TransactionExecutor executor = new TransactionExecutor(
                new ProgramRegistry(List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime())),
                SystemProgram.ID);
        BlockContext context = new BlockContext(1, 0, LAMPORTS_PER_SIGNATURE, ComputeParameters.SOLANA_DEFAULTS);

        BlockExecution reference =
                new SerialBlockExecutor(executor).execute(block.transactions(), block.state(), context);
        Result serial = measure(new SerialBlockExecutor(executor), block, context);
        spec.commandLine().getOut().println(json.writeValueAsString(line("serial", 1, serial)));
        Result first = null;
        Result last = null;
        for (int count : threads) {
            try (ParallelBlockExecutor parallel = new ParallelBlockExecutor(executor, count)) {
                requireSameAsSerial(parallel.execute(block.transactions(), block.state(), context), reference);
                Result result = measure(parallel, block, context);
                spec.commandLine().getOut().println(json.writeValueAsString(line("parallel", count, result)));
                first = first == null ? result : first;
                last = result;
            }
        }
        spec.commandLine().getOut().println(json.writeValueAsString(summary(serial, first, last)));
        return 0;
    }

    private void validate() {
        if (transfers < 1 || transfers > MAX_TRANSFERS) {
            throw new ParameterException(spec.commandLine(), "--transfers must be 1.." + MAX_TRANSFERS);
        }
        if (!(conflict >= 0 && conflict <= 1)) {
            throw new ParameterException(spec.commandLine(), "--conflict must be a fraction 0..1");
        }
        if (senders != null && (senders < 1 || senders > transfers)) {
            throw new ParameterException(spec.commandLine(), "--senders must be 1..transfers");
        }
        Measurements.checkRuns(spec, threads, repeat, warmup);
    }

    /** What one configuration achieved: timings, the statistics of the median run, collections per run. */
    private record Result(Measurements seconds, BlockExecution.ExecutionStats stats, double gcPerRun,
                          double gcSecondsPerRun) {}

    private Result measure(BlockExecutor executor, SyntheticTransfers block, BlockContext context) {
        List<Transaction> transactions = block.transactions();
        AccountReader state = block.state();
        for (int i = 0; i < warmup; i++) {
            requireAllSucceeded(executor.execute(transactions, state, context));
        }
        double[] seconds = new double[repeat];
        BlockExecution.ExecutionStats[] stats = new BlockExecution.ExecutionStats[repeat];
        long[] gcBefore = Measurements.gcTotals();
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            BlockExecution execution = executor.execute(transactions, state, context);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            requireAllSucceeded(execution);
            stats[i] = execution.stats();
        }
        long[] gcAfter = Measurements.gcTotals();
        Measurements measurements = new Measurements(seconds);
        return new Result(measurements, stats[medianIndex(seconds, measurements.median())],
                (double) (gcAfter[0] - gcBefore[0]) / repeat, (gcAfter[1] - gcBefore[1]) / 1e3 / repeat);
    }

    private static int medianIndex(double[] seconds, double median) {
        int closest = 0;
        for (int i = 1; i < seconds.length; i++) {
            if (Math.abs(seconds[i] - median) < Math.abs(seconds[closest] - median)) {
                closest = i;
            }
        }
        return closest;
    }

    /** Figures for a parallel engine that computes something else would be worthless. */
    private static void requireSameAsSerial(BlockExecution parallel, BlockExecution serial) {
        if (!parallel.entries().equals(serial.entries()) || !parallel.changes().equals(serial.changes())) {
            throw new IllegalStateException("parallel execution differs from serial execution");
        }
    }

    /** A benchmark of transfers that failed would measure the wrong thing. */
    private static void requireAllSucceeded(BlockExecution execution) {
        for (BlockExecution.Entry entry : execution.entries()) {
            if (!entry.included() || !entry.result().orElseThrow().succeeded()) {
                throw new IllegalStateException("a benchmark transfer did not succeed: " + entry);
            }
        }
    }

    private Map<String, Object> line(String engine, int workers, Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "execution");
        out.put("engine", engine);
        out.put("threads", workers);
        out.put("transfers", transfers);
        out.put("conflict", conflict);
        out.put("seconds", Measurements.round(result.seconds().median(), 4));
        out.put("tps", Math.round(transfers / result.seconds().median()));
        out.put("best_seconds", Measurements.round(result.seconds().best(), 4));
        out.put("best_tps", Math.round(transfers / result.seconds().best()));
        out.put("mean_seconds", Measurements.round(result.seconds().mean(), 4));
        out.put("repeat", repeat);
        out.put("batches", result.stats().batches());
        out.put("largest_batch", result.stats().largestBatch());
        out.put("utilisation", Measurements.round(result.stats().utilisation(), 3));
        out.put("gc_per_run", Measurements.round(result.gcPerRun(), 2));
        out.put("gc_seconds_per_run", Measurements.round(result.gcSecondsPerRun(), 4));
        return out;
    }

    private Map<String, Object> summary(Result serial, Result first, Result last) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "execution");
        out.put("summary", true);
        out.put("transfers", transfers);
        out.put("conflict", conflict);
        out.put("threads_from", threads.get(0));
        out.put("threads_to", threads.get(threads.size() - 1));
        out.put("scaling", Measurements.round(first.seconds().median() / last.seconds().median(), 3));
        out.put("speedup_vs_serial", Measurements.round(serial.seconds().median() / last.seconds().median(), 3));
        out.put("available_processors", Runtime.getRuntime().availableProcessors());
        out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return out;
    }
}
