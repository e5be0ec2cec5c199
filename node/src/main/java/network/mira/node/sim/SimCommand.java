package network.mira.node.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mira.settlement.bft.sim.FaultPlan;
import network.mira.settlement.staking.StakingParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mira sim}: runs the deterministic consensus simulator for many seeds and prints one JSON
 * summary; exits 1 if any run broke safety, had an honest validator double-sign, lost liveness
 * after the faults ended, or hid a byzantine validator's double-sign (no evidence of it reached a
 * finalized block). Every failure names its seed, and {@code --seed} replays exactly that run.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the deterministic BFT simulator and check its invariants; one JSON summary.")
public final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--validators", defaultValue = "4", description = "Validators per run (default ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--seeds", defaultValue = "20", description = "Runs per fault kind (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--heights", defaultValue = "100", description = "Heights every run must finalize.")
    int heights;

    @Option(names = "--faults", defaultValue = "all",
            description = "none, crash, partition, byzantine or all (default ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--seed", description = "Replay this one seed (per fault kind) instead of --seeds runs.")
    Long seed;

    @Option(names = "--real-signatures", description = "Real Ed25519 instead of the fast stand-in (slower).")
    boolean realSignatures;

    @Option(names = "--staking", description = "Run the staking rules on the simulated chain: downtime jailing, "
            + "double-sign slashing and tombstoning, and a validator set chosen per epoch of 10 blocks.")
    boolean staking;

    /** Simulator-sized staking: short epochs and windows, so a run sees jailing and set changes. */
    static final StakingParameters SIM_STAKING = StakingParameters.byName(Map.of("epoch_blocks", "10",
            "unbonding_epochs", "2", "min_self_bond", "1", "downtime_window", "20", "downtime_min_signed_bps", "5000",
            "jail_blocks", "10", "issuance_per_epoch", "0"));

    @Override
    public Integer call() throws Exception {
        if (validators < 1 || seeds < 1 || heights < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--validators, --seeds and --heights must be positive");
        }
        List<FaultPlan.Fault> kinds = kinds();
        Summary summary = new Summary();
        long started = System.nanoTime();
        for (FaultPlan.Fault kind : kinds) {
            for (int i = 0; i < (seed == null ? seeds : 1); i++) {
                long runSeed = seed == null ? i : seed;
                summary.add(runSeed, kind, FaultPlan.run(runSeed, validators, kind, heights, realSignatures, false,
                        staking ? SIM_STAKING : null));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(summary.toJson(validators, heights,
                (System.nanoTime() - started) / 1e9)));
        out.flush();
        return summary.failures.isEmpty() ? 0 : 1;
    }

    private List<FaultPlan.Fault> kinds() {
        if ("all".equalsIgnoreCase(faults)) {
            return List.of(FaultPlan.Fault.values());
        }
        try {
            return List.of(FaultPlan.Fault.valueOf(faults.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--faults must be none, crash, partition, byzantine or all, got '" + faults + "'");
        }
    }

    /** Totals over all runs, and the seeds that failed. */
    private static final class Summary {
        int runs;
        long heightsFinalized;
        int safetyViolations;
        int honestDoubleSigns;
        int livenessFailures;
        int evidenceReported;
        long evidenceIncluded;
        int byzantineRunsWithoutEvidence;
        long validatorsSlashed;
        long validatorsJailed;
        long messages;
        final List<String> failures = new ArrayList<>();

        void add(long seed, FaultPlan.Fault kind, FaultPlan.Outcome outcome) {
            runs++;
            heightsFinalized += outcome.report().heightsFinalized();
            safetyViolations += outcome.report().safetyViolations().size();
            honestDoubleSigns += outcome.report().honestDoubleSigns().size();
            livenessFailures += outcome.live() ? 0 : 1;
            evidenceReported += outcome.report().evidenceReports();
            evidenceIncluded += outcome.report().evidenceIncluded();
            messages += outcome.report().messagesSent();
            validatorsSlashed += outcome.report().validatorsSlashed();
            validatorsJailed += outcome.report().validatorsJailed();
            if (outcome.evidenceExpected() && !outcome.evidenceIncluded()) {
                byzantineRunsWithoutEvidence++;
            }
            if (!outcome.ok()) {
                failures.add(kind.name().toLowerCase(Locale.ROOT) + " seed " + seed + ": " + outcome.report());
            }
        }

        Map<String, Object> toJson(int validators, int heights, double seconds) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("validators", validators);
            out.put("heights", heights);
            out.put("runs", runs);
            out.put("heights_finalized", heightsFinalized);
            out.put("safety_violations", safetyViolations);
            out.put("honest_double_signs", honestDoubleSigns);
            out.put("liveness_failures", livenessFailures);
            out.put("evidence_reported", evidenceReported);
            // Distinct evidence items inside finalized blocks, summed over runs.
            out.put("evidence_included", evidenceIncluded);
            out.put("byzantine_runs_without_evidence", byzantineRunsWithoutEvidence);
            // With --staking: distinct validators slashed for double-signing / jailed for downtime, summed over runs.
            out.put("validators_slashed", validatorsSlashed);
            out.put("validators_jailed", validatorsJailed);
            out.put("messages_per_height", heightsFinalized == 0 ? 0 : messages / heightsFinalized);
            out.put("seconds", Math.round(seconds * 100) / 100.0);
            out.put("failures", failures);
            return out;
        }
    }
}
