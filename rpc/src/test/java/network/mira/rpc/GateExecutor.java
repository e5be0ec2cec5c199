package network.mira.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Holds every task until opened, then runs them (and all later ones) on one thread. */
final class GateExecutor implements Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final List<Runnable> held = new ArrayList<>();
    private boolean open;

    @Override
    public synchronized void execute(Runnable task) {
        if (open) {
            thread.execute(task);
        } else {
            held.add(task);
        }
    }

    synchronized void open() {
        open = true;
        held.forEach(thread::execute);
        held.clear();
    }

    @Override
    public void close() {
        open();
        thread.shutdown();
    }
}
