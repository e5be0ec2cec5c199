package network.mira.node.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a stop request instead of the JVM's default (run hooks, exit
 * 143), so an orderly stop ends with exit code 0 as service managers expect.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    static void install(Runnable onStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("received SIG{}, stopping", signal.getName());
                    onStop.run();
                });
            } catch (IllegalArgumentException unsupported) {
                LOG.debug("cannot handle SIG{} on this platform; the shutdown hook still closes the node", name);
            }
        }
    }
}
