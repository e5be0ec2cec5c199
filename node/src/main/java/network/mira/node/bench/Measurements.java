package network.mira.node.bench;

import java.util.Arrays;

/** Wall-clock seconds of repeated runs; benchmarks report the median and the best. */
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

    double best() {
        return seconds[0];
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A full collection before each timed run, so one run's garbage is not collected in the next. */
    static void settle() {
        System.gc();
    }
}
