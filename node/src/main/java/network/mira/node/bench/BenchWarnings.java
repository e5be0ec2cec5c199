package network.mira.node.bench;

import java.lang.management.ManagementFactory;

/** Things that make in-process figures meaningless, said on stderr before measuring. */
final class BenchWarnings {
    private BenchWarnings() {}

    /**
     * bin/mira starts the CLI with only the client compiler (fast start-up, slow steady state),
     * which would understate throughput several times over.
     */
    static void warnIfJitLimited() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-XX:TieredStopAtLevel=") && !argument.endsWith("=4")) {
                System.err.println("warning: running with " + argument + " (C1 only); figures will be low. Set "
                        + "MIRA_CLI_JAVA_OPTS (e.g. MIRA_CLI_JAVA_OPTS=-Xshare:auto) to run with the full JIT.");
            }
        }
    }
}
