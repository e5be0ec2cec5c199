package network.mira.verification.claims;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import network.mira.verification.claims.ClaimsRefusedException.Reason;

/**
 * Gathers normalized claims in order: drops those without content and repeats (the first occurrence
 * wins, compared exactly, case included), refuses the first claim over {@link ClaimLimits#MAX_CLAIM_BYTES}
 * or beyond {@link ClaimLimits#MAX_CLAIMS}, and numbers the rest from 0.
 */
final class ClaimCollector {
    private final List<Claim> claims = new ArrayList<>();
    private final Set<String> seen = new TreeSet<>();

    void add(String normalized) throws ClaimsRefusedException {
        if (!ClaimNormalizer.hasContent(normalized) || seen.contains(normalized)) {
            return;
        }
        int bytes = normalized.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ClaimLimits.MAX_CLAIM_BYTES) {
            throw new ClaimsRefusedException(Reason.CLAIM_TOO_LONG, "claim " + claims.size() + " is " + bytes
                    + " UTF-8 bytes, more than the " + ClaimLimits.MAX_CLAIM_BYTES + " allowed: " + preview(normalized));
        }
        if (claims.size() == ClaimLimits.MAX_CLAIMS) {
            throw new ClaimsRefusedException(Reason.TOO_MANY_CLAIMS, "more than " + ClaimLimits.MAX_CLAIMS
                    + " claims; claim " + claims.size() + " is " + preview(normalized));
        }
        seen.add(normalized);
        claims.add(Claim.of(claims.size(), normalized));
    }

    List<Claim> finish() throws ClaimsRefusedException {
        if (claims.isEmpty()) {
            throw new ClaimsRefusedException(Reason.EMPTY,
                    "no claims: nothing with a letter, a digit or a non-ASCII character to judge");
        }
        return List.copyOf(claims);
    }

    /** The start of a claim for a message; cut at a char boundary that does not split a surrogate pair. */
    private static String preview(String claim) {
        int length = 40;
        if (claim.length() <= length) {
            return "\"" + claim + "\"";
        }
        if (Character.isHighSurrogate(claim.charAt(length - 1))) {
            length--;
        }
        return "\"" + claim.substring(0, length) + "...\"";
    }
}
