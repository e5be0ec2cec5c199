package network.mira.node.verify.attest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The attestor's meters:
 * <ul>
 *   <li>{@code mira_verification_attestations_total{phase="commit"|"reveal"}}: seats whose commitment or
 *       reveal this node submitted and saw land on chain;</li>
 *   <li>{@code mira_verification_abstentions_total}: seats the verifier gave no verdict on (nothing was
 *       committed for them);</li>
 *   <li>{@code mira_verification_seats_missed_total}: seats whose commit window closed without our
 *       commitment (abstentions excluded) or whose reveal window closed with our commitment unrevealed.</li>
 * </ul>
 */
public final class AttestorMetrics {
    private final Counter commits;
    private final Counter reveals;
    private final Counter abstentions;
    private final Counter missed;

    public AttestorMetrics(MeterRegistry registry) {
        commits = attestations(registry, "commit");
        reveals = attestations(registry, "reveal");
        abstentions = Counter.builder("mira_verification_abstentions")
                .description("seats on which this validator's verifier gave no verdict, so nothing was committed")
                .register(registry);
        missed = Counter.builder("mira_verification_seats_missed")
                .description("seats whose commit or reveal window closed without this validator's commit or reveal")
                .register(registry);
    }

    private static Counter attestations(MeterRegistry registry, String phase) {
        return Counter.builder("mira_verification_attestations").tag("phase", phase)
                .description("seats whose commitment or reveal by this validator landed on chain").register(registry);
    }

    void committed(int seats) {
        commits.increment(seats);
    }

    void revealed(int seats) {
        reveals.increment(seats);
    }

    void abstained() {
        abstentions.increment();
    }

    void missed(int seats) {
        missed.increment(seats);
    }
}
