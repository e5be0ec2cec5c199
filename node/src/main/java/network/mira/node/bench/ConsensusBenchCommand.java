package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import network.mira.settlement.bft.sim.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench consensus}: the BFT core in the deterministic simulator with a fixed network
 * delay and no faults. Reports how fast the consensus logic itself finalizes (heights per second
 * of machine time), how long a height takes in simulated time (one commit timeout plus the
 * message rounds), and the messages each height costs, gossip re-sends included.
 */
@Command(name = "consensus", mixinStandardHelpOptions = true,
        description = "BFT consensus in the simulator: heights/s and messages per height per validator count "
                + "and network delay (in process, no node).")
public final class ConsensusBenchCommand implements Callable<Integer> {
    private static final long SEED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--validators", split = ",", defaultValue = "4,7,16",
            description = "Validator counts, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> validators;

    @Option(names = "--delay-ms", split = ",", defaultValue = "0,1",
            description = "One-way network delays to measure, comma-separated (default ${DEFAULT-VALUE}).")
    List<Long> delays;

    @Option(names = "--heights", defaultValue = "1000", description = "Heights to finalize per run.")
    int heights;

    @Option(names = "--real-signatures",
            description = "Real Ed25519 signing and verification instead of the fast stand-in.")
    boolean realSignatures;

    @Override
    public Integer call() throws Exception {
        if (heights < 1 || heights > 100_000) {
            throw new ParameterException(spec.commandLine(), "--heights must be 1..100000, got " + heights);
        }
        for (int count : validators) {
            if (count < 1 || count > 100) {
                throw new ParameterException(spec.commandLine(), "--validators must be 1..100, got " + count);
            }
        }
        for (long delay : delays) {
            if (delay < 0 || delay > 10_000) {
                throw new ParameterException(spec.commandLine(), "--delay-ms must be 0..10000, got " + delay);
            }
        }
        ObjectMapper json = new ObjectMapper();
        // Every configuration once untimed first, so no figure includes the JIT's warm-up.
        for (long delay : delays) {
            for (int count : validators) {
                run(count, delay, heights);
            }
        }
        for (long delay : delays) {
            for (int count : validators) {
                spec.commandLine().getOut().println(json.writeValueAsString(run(count, delay, heights)));
            }
        }
        return 0;
    }

    private Map<String, Object> run(int count, long delayMs, int heightsToRun) {
        Simulation simulation = Simulation.simple(SEED, count, Set.of(), realSignatures);
        simulation.setFixedDelayMs(delayMs);
        long started = System.nanoTime();
        simulation.start();
        if (!simulation.runUntilHeight(heightsToRun, (long) heightsToRun * 60_000)) {
            throw new IllegalStateException("no progress: " + simulation.describe());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long reached = simulation.honestUpMinHeight();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "consensus");
        out.put("validators", count);
        out.put("delay_ms", delayMs);
        out.put("signatures", realSignatures ? "ed25519" : "stand-in");
        out.put("heights", reached);
        out.put("seconds", Math.round(seconds * 1000) / 1000.0);
        out.put("heights_per_second", round(reached / seconds));
        out.put("simulated_ms_per_height", round((double) simulation.nowMs() / reached));
        out.put("messages", simulation.messagesSent());
        out.put("messages_per_height", round((double) simulation.messagesSent() / reached));
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
