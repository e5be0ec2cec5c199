package network.mira.verification.verifier;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@code verification.verifier: none}: abstains on every claim with {@link AbstainReason#DISABLED}. */
public final class DisabledVerifier implements Verifier {
    private static final Judgement DISABLED =
            Judgement.abstain(AbstainReason.DISABLED, "this validator runs no verifier (verification.verifier: none)");

    @Override
    public CompletableFuture<Judgement> judge(String claim) {
        Objects.requireNonNull(claim, "claim");
        return CompletableFuture.completedFuture(DISABLED);
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
