package network.mira.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetVerifierStatsResponse;
import network.mira.rpc.v1.VerifierStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mira verify stats}: each validator's agreement with its peers, its band and its record. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-validator verifier statistics: agreement with peers, the confidence band, alerts, "
                + "missed reveals, equivocations, guessing slashes.")
final class VerifyStatsCommand extends CliCommand {
    @Option(names = "--validator", paramLabel = "IDENTITY", converter = Converters.Address.class,
            description = "Only this validator. Default: every registered validator (zeros until it has a record).")
    PublicKey validator;

    VerifyStatsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetVerifierStatsResponse response;
        try (VerificationClient verification = VerificationClient.connect(endpoint())) {
            response = verification.stats(validator);
        }
        if (json) {
            List<Map<String, Object>> validators = new ArrayList<>();
            response.getValidatorsList().forEach(stats -> validators.add(fields(stats)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("height", response.getHeight());
            out.put("validators", validators);
            printJson(out);
            return ExitCodes.OK;
        }
        printLine(String.format(Locale.ROOT, "%-44s %8s %8s %9s %9s %-19s %6s", "validator", "resolved", "agreed",
                "agreement", "recent", "band", "alerts"));
        for (VerifierStats stats : response.getValidatorsList()) {
            printLine(String.format(Locale.ROOT, "%-44s %8d %8d %8.1f%% %8.1f%% %-19s %6d", stats.getValidator(),
                    stats.getResolved(), stats.getAgreed(), stats.getAgreementPpm() / 10_000.0,
                    stats.getRecentAgreementPpm() / 10_000.0, band(stats), stats.getAlerts()));
        }
        return ExitCodes.OK;
    }

    private static String band(VerifierStats stats) {
        return String.format(Locale.ROOT, "[%.1f, %.1f]%s", stats.getBandLowPpm() / 10_000.0,
                stats.getBandHighPpm() / 10_000.0, stats.getInBand() ? "" : " OUT");
    }

    private static Map<String, Object> fields(VerifierStats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("validator", stats.getValidator());
        out.put("resolved", stats.getResolved());
        out.put("agreed", stats.getAgreed());
        out.put("agreement_ppm", stats.getAgreementPpm());
        out.put("window_resolved", stats.getWindowResolved());
        out.put("window_agreed", stats.getWindowAgreed());
        out.put("missed_reveals", stats.getMissedReveals());
        out.put("equivocations", stats.getEquivocations());
        out.put("guessing_slashes", stats.getGuessingSlashes());
        out.put("excluded_until_epoch", stats.getExcludedUntilEpoch());
        out.put("recent_agreement_ppm", stats.getRecentAgreementPpm());
        out.put("recent_observations", stats.getRecentObservations());
        out.put("band_low_ppm", stats.getBandLowPpm());
        out.put("band_high_ppm", stats.getBandHighPpm());
        out.put("in_band", stats.getInBand());
        out.put("alerts", stats.getAlerts());
        return out;
    }
}
