package network.mira.verification.claims;

import java.util.List;
import network.mira.verification.claims.ClaimsRefusedException.Reason;

/**
 * Turns an AI output, or a client's own list, into the claims a request records. Pure and
 * deterministic: the same input gives the same claims, byte for byte, on every node. The rules are
 * in docs/verification.md ("Claims"); the classes named below each implement one step.
 */
public final class ClaimDecomposer {
    private ClaimDecomposer() {}

    /**
     * Splits a text into claims: {@link SentenceSplitter sentences}, then {@link ClauseSplitter
     * clauses}, each {@link ClaimNormalizer normalized}; empty claims and repeats are dropped.
     * Refusals are checked in this order: TEXT_TOO_LONG, INVALID_TEXT, then, claim by claim,
     * CLAIM_TOO_LONG or TOO_MANY_CLAIMS, and EMPTY last.
     */
    public static List<Claim> decompose(String text) throws ClaimsRefusedException {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        long bytes = TextChecks.utf8Length(text);
        if (bytes > ClaimLimits.MAX_TEXT_BYTES) {
            throw new ClaimsRefusedException(Reason.TEXT_TOO_LONG,
                    "text is " + bytes + " UTF-8 bytes, more than the " + ClaimLimits.MAX_TEXT_BYTES + " allowed");
        }
        TextChecks.checkCharacters(text, "text");
        ClaimCollector collector = new ClaimCollector();
        for (String sentence : SentenceSplitter.split(text)) {
            for (String clause : ClauseSplitter.split(ClaimNormalizer.normalize(sentence))) {
                collector.add(clause);
            }
        }
        return collector.finish();
    }

    /**
     * Takes a client's own claims, each normalized but not split. Empty claims and repeats are dropped.
     * Refusals in this order: TOO_MANY_CLAIMS (more than {@link ClaimLimits#MAX_CLAIMS} entries,
     * repeats included), TEXT_TOO_LONG (entries' UTF-8 bytes summed), INVALID_TEXT, then claim by
     * claim CLAIM_TOO_LONG, and EMPTY last.
     */
    public static List<Claim> fromExplicitClaims(List<String> claims) throws ClaimsRefusedException {
        if (claims == null) {
            throw new IllegalArgumentException("explicit claims must not be null");
        }
        for (String claim : claims) {
            if (claim == null) {
                throw new IllegalArgumentException("explicit claims must not contain null");
            }
        }
        if (claims.size() > ClaimLimits.MAX_CLAIMS) {
            throw new ClaimsRefusedException(Reason.TOO_MANY_CLAIMS,
                    claims.size() + " explicit claims, more than the " + ClaimLimits.MAX_CLAIMS + " allowed");
        }
        long bytes = 0;
        for (String claim : claims) {
            bytes += TextChecks.utf8Length(claim);
        }
        if (bytes > ClaimLimits.MAX_TEXT_BYTES) {
            throw new ClaimsRefusedException(Reason.TEXT_TOO_LONG, "explicit claims are " + bytes
                    + " UTF-8 bytes together, more than the " + ClaimLimits.MAX_TEXT_BYTES + " allowed");
        }
        for (int i = 0; i < claims.size(); i++) {
            TextChecks.checkCharacters(claims.get(i), "explicit claim " + i);
        }
        ClaimCollector collector = new ClaimCollector();
        for (String claim : claims) {
            collector.add(ClaimNormalizer.normalize(claim));
        }
        return collector.finish();
    }
}
