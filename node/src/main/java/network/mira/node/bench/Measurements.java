package network.mira.node.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Wall-clock seconds of repeated runs. Benchmarks report the median (robust against other work on
 * a shared machine), with the best and the mean (which includes any collection pauses) beside it.
 */
final class Measurements {
    private final double[] seconds;

    Measurements(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        this.seconds = seconds.clone();
        Arrays.sort(this.seconds);
    }

    double median() {
        int middle = seconds.length / 2;
        return seconds.length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
    }

    double mean() {
        double sum = 0;
        for (double value : seconds) {
            sum += value;
        }
        return sum / seconds.length;
    }

    double best() {
        return seconds[0];
    }

    /** The run options every bench shares: worker counts, timed runs and warm-up runs. */
    static void checkRuns(picocli.CommandLine.Model.CommandSpec spec, java.util.List<Integer> threads, int repeat,
                          int warmup) {
        if (repeat < 1 || repeat > 100 || warmup < 0 || warmup > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--repeat must be 1..100 and --warmup 0..100");
        }
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 1024)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--threads must list worker counts 1..1024");
        }
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Collections and milliseconds collecting so far, over all collectors: {count, millis}. */
    static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
