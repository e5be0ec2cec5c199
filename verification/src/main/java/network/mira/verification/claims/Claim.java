package network.mira.verification.claims;

import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.Hash;

/**
 * One claim of a request: its position, its normalized text and the SHA-256 of that text's UTF-8
 * bytes. The hash is what attestations and certificates name, so a claim whose hash does not match
 * its text cannot exist.
 */
public record Claim(int index, String text, Hash hash) {
    public Claim {
        if (index < 0) {
            throw new IllegalArgumentException("claim index must not be negative, got " + index);
        }
        if (text == null || hash == null) {
            throw new IllegalArgumentException("claim text and hash must not be null");
        }
        if (!hash.equals(hashOf(text))) {
            throw new IllegalArgumentException("claim " + index + ": hash " + hash + " is not the hash of its text");
        }
    }

    public static Claim of(int index, String text) {
        return new Claim(index, text, hashOf(text));
    }

    /** SHA-256 of the text's UTF-8 bytes. */
    public static Hash hashOf(String text) {
        return Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
