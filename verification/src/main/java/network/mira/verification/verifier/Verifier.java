package network.mira.verification.verifier;

import java.util.concurrent.CompletableFuture;

/**
 * A plugin that judges claims for this validator. The node calls it off the consensus thread and
 * must never wait on it there: {@link #judge} returns at once, and the future always completes
 * normally, with a verdict or an abstention, never exceptionally. Implementations are thread-safe.
 */
public interface Verifier extends AutoCloseable {

    /**
     * @param claim the claim's text, as recorded by the verification program; not null
     * @return completes with the judgement; a verifier that cannot judge abstains, it never guesses
     */
    CompletableFuture<Judgement> judge(String claim);

    /** Identifies the verifier in logs and metrics, e.g. {@code knowledge-base}. */
    String name();

    /** Stops judging: pending and later claims are abstained on with {@link AbstainReason#CLOSED}. */
    @Override
    void close();
}
