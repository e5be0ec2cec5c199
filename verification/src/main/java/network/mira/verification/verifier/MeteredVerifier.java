package network.mira.verification.verifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Counts another verifier's judgements as {@code mira_verifier_judgements_total{verifier, outcome}},
 * outcome {@code true}, {@code false}, {@code uncertain} or {@code abstain_<reason>} (e.g.
 * {@code abstain_timeout}). Changes nothing else.
 */
public final class MeteredVerifier implements Verifier {
    private final Verifier inner;
    private final MeterRegistry registry;

    public MeteredVerifier(Verifier inner, MeterRegistry registry) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public CompletableFuture<Judgement> judge(String claim) {
        return inner.judge(claim).whenComplete((judgement, error) -> {
            if (judgement != null) {
                counter(outcome(judgement)).increment();
            }
        });
    }

    static String outcome(Judgement judgement) {
        return judgement.verdict()
                .map(verdict -> verdict.name().toLowerCase(Locale.ROOT))
                .orElseGet(() -> "abstain_" + judgement.abstainReason().orElseThrow().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The verifier this one counts for. */
    public Verifier inner() {
        return inner;
    }

    private Counter counter(String outcome) {
        return Counter.builder("mira_verifier_judgements")
                .description("judgements of this validator's verifier by outcome")
                .tag("verifier", inner.name())
                .tag("outcome", outcome)
                .register(registry);
    }
}
