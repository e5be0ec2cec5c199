package network.mira.rpc;

import java.util.function.BooleanSupplier;

/** Waits for something another thread does; the deadline only keeps a broken test from hanging. */
final class Await {
    private static final long DEADLINE_MS = 30_000;

    private Await() {}

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
