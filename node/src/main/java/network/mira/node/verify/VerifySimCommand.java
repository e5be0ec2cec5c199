package network.mira.node.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mira.verification.sim.SimulationParameters;
import network.mira.verification.sim.SimulationResult;
import network.mira.verification.sim.VerificationSimulation;
import network.mira.verification.stats.GuessingTest;
import network.mira.verification.verdict.VerdictAggregator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira verify sim}: runs {@link VerificationSimulation} once and prints one JSON object: the
 * inputs, the ensemble against a single verifier, and who the guessing test slashed. Deterministic:
 * the same flags print the same bytes. The decimal flags become basis points or parts per million here.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate claim verification in process (oracle verifiers, guessers, stake verdicts, "
                + "guessing detection) and print one JSON object.")
public final class VerifySimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--validators", defaultValue = "16", description = "Validators, equal stake (default ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--claims", defaultValue = "10000", description = "Claims to judge (default ${DEFAULT-VALUE}).")
    int claims;

    @Option(names = "--committee", defaultValue = "5", description = "Committee size k (default ${DEFAULT-VALUE}).")
    int committee;

    @Option(names = "--accuracy", defaultValue = "0.8",
            description = "Honest verifiers' accuracy, 0..1, at most 4 decimals (default ${DEFAULT-VALUE}).")
    String accuracy;

    @Option(names = "--guessers", defaultValue = "2", description = "Validators answering by coin toss (default ${DEFAULT-VALUE}).")
    int guessers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the whole run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threshold-bps", defaultValue = "6667",
            description = "Verdict threshold in basis points of committee stake (default ${DEFAULT-VALUE}).")
    int thresholdBps;

    @Option(names = "--window", defaultValue = "200",
            description = "Resolved claims per guessing test (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--honest-floor", defaultValue = "0.7",
            description = "Guessing test p0, 0..1, at most 6 decimals (default ${DEFAULT-VALUE}).")
    String honestFloor;

    @Option(names = "--significance", defaultValue = "0.001",
            description = "Guessing test alpha, 0..1, at most 6 decimals (default ${DEFAULT-VALUE}).")
    String significance;

    @Option(names = "--agreement", defaultValue = "peers",
            description = "What the guessing test compares a member's answers with: peers (the verdict of the rest "
                    + "of its committee, the verification program's rule) or final (the claim's final verdict, which "
                    + "the member's own vote helps decide) (default ${DEFAULT-VALUE}).")
    String agreement;

    @Override
    public Integer call() throws Exception {
        SimulationParameters parameters = parameters();
        SimulationResult result = VerificationSimulation.run(parameters);
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(json(result)));
        out.flush();
        return 0;
    }

    private SimulationParameters parameters() {
        try {
            return new SimulationParameters(validators, claims, committee,
                    Fraction.toUnits("--accuracy", accuracy, VerdictAggregator.BPS_DENOMINATOR), guessers, seed,
                    thresholdBps, window,
                    Fraction.toUnits("--honest-floor", honestFloor, GuessingTest.PPM_DENOMINATOR),
                    Fraction.toUnits("--significance", significance, GuessingTest.PPM_DENOMINATOR),
                    agreement());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private SimulationParameters.Agreement agreement() {
        return switch (agreement) {
            case "final" -> SimulationParameters.Agreement.FINAL;
            case "peers" -> SimulationParameters.Agreement.PEERS;
            default -> throw new IllegalArgumentException("--agreement must be final or peers, got '" + agreement
                    + "'");
        };
    }

    static Map<String, Object> json(SimulationResult result) {
        SimulationParameters p = result.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("validators", p.validators());
        out.put("claims", p.claims());
        out.put("committee", p.committeeSize());
        out.put("accuracy_bps", p.accuracyBps());
        out.put("guessers", p.guessers());
        out.put("seed", p.seed());
        out.put("threshold_bps", p.thresholdBps());
        out.put("window", p.window());
        out.put("honest_floor_ppm", p.honestFloorPpm());
        out.put("significance_ppm", p.significancePpm());
        out.put("agreement", p.agreement().name().toLowerCase(java.util.Locale.ROOT));
        // The most agreements of a window that the guessing test rejects (-1: none).
        out.put("critical_agreements", result.criticalAgreements());
        out.put("single_accuracy", result.singleAccuracy());
        out.put("ensemble_accuracy", result.ensembleAccuracy());
        out.put("inconclusive_rate", result.inconclusiveRate());
        out.put("claims_decided", result.claimsDecided());
        out.put("claims_inconclusive", result.claimsInconclusive());
        out.put("claims_unassigned", result.claimsUnassigned());
        out.put("honest_agreement", result.honestAgreement());
        out.put("guesser_agreement", result.guesserAgreement());
        out.put("guessers_slashed", result.guessersSlashed());
        out.put("honest_slashed", result.honestSlashed());
        return out;
    }
}
