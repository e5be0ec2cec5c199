package network.mira.verification.attestation;

import java.nio.charset.StandardCharsets;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.verifier.Verdict;

/**
 * What a committee member publishes before the commit deadline: a hash that binds its verdict
 * without showing it. The 122 hashed bytes are
 * <pre>
 * "mira/attest/commit/v1"  21 bytes, ASCII
 * request id               32 bytes
 * claim index              u32 little endian
 * verdict                  u8 ({@link VerdictCodes}: TRUE 0, FALSE 1, UNCERTAIN 2)
 * salt                     32 bytes, fresh random per attestation
 * validator identity       32 bytes (Ed25519 public key)
 * </pre>
 * The salt keeps others from guessing the verdict by hashing the three possibilities; the
 * validator's identity keeps one member from copying another's commitment.
 */
public final class AttestationCommitment {
    public static final int SALT_LENGTH = 32;
    static final byte[] DOMAIN = "mira/attest/commit/v1".getBytes(StandardCharsets.US_ASCII);

    private AttestationCommitment() {}

    /** @throws IllegalArgumentException if the salt is not 32 bytes or the claim index is negative */
    public static Hash of(Hash requestId, int claimIndex, Verdict verdict, byte[] salt, PublicKey validator) {
        return Hash.sha256(bytes(requestId, claimIndex, verdict, salt, validator));
    }

    /** The exact bytes {@link #of} hashes. */
    static byte[] bytes(Hash requestId, int claimIndex, Verdict verdict, byte[] salt, PublicKey validator) {
        checkSalt(salt);
        if (claimIndex < 0) {
            throw new IllegalArgumentException("claim index must not be negative, got " + claimIndex);
        }
        return new ByteWriter(DOMAIN.length + 101)
                .raw(DOMAIN).raw(requestId.bytes()).u32(claimIndex).u8(VerdictCodes.code(verdict))
                .raw(salt).raw(validator.bytes()).toByteArray();
    }

    static void checkSalt(byte[] salt) {
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + SALT_LENGTH + " bytes, got "
                    + (salt == null ? "null" : salt.length));
        }
    }
}
