package network.mira.verification.attestation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.verification.verifier.Verdict;

/**
 * A revealed attestation: validator {@code validator} says {@code verdict} about claim
 * {@code claimIndex} of request {@code requestId}, opens its commitment with {@code salt}, and signs
 * with its identity key over {@link #signBytes(String)}:
 * <pre>
 * "mira/attest/reveal/v1"  21 bytes, ASCII
 * chain id                 u32 length + UTF-8 bytes
 * request id               32 bytes
 * claim index              u32 little endian
 * verdict                  u8 (TRUE 0, FALSE 1, UNCERTAIN 2)
 * salt                     32 bytes
 * </pre>
 * The chain id keeps a devnet attestation from counting on another chain. The validator is not in
 * the signed bytes: it is the key the signature verifies under.
 */
public record Attestation(Hash requestId, int claimIndex, Verdict verdict, byte[] salt, PublicKey validator,
                          Signature signature) {
    /** Length of {@link #encode()}: request id, claim index, verdict, salt, validator, signature. */
    public static final int ENCODED_LENGTH = Hash.LENGTH + 4 + 1 + AttestationCommitment.SALT_LENGTH
            + PublicKey.LENGTH + Signature.LENGTH;
    /** Longest chain id in bytes; genesis chain ids are short names. */
    public static final int MAX_CHAIN_ID_BYTES = 64;
    static final byte[] DOMAIN = "mira/attest/reveal/v1".getBytes(StandardCharsets.US_ASCII);

    public Attestation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(signature, "signature");
        if (claimIndex < 0) {
            throw new IllegalArgumentException("claim index must not be negative, got " + claimIndex);
        }
        AttestationCommitment.checkSalt(salt);
        salt = salt.clone();
    }

    /** Signs with {@code identity}; the validator is its public key. */
    public static Attestation sign(String chainId, Hash requestId, int claimIndex, Verdict verdict, byte[] salt,
                                   KeyPair identity) {
        byte[] message = signBytes(chainId, requestId, claimIndex, verdict, salt);
        return new Attestation(requestId, claimIndex, verdict, salt, identity.publicKey(), identity.sign(message));
    }

    /** A copy: records expose components, and the salt must not change under the signature. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    public byte[] signBytes(String chainId) {
        return signBytes(chainId, requestId, claimIndex, verdict, salt);
    }

    static byte[] signBytes(String chainId, Hash requestId, int claimIndex, Verdict verdict, byte[] salt) {
        byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
        if (chain.length == 0 || chain.length > MAX_CHAIN_ID_BYTES) {
            throw new IllegalArgumentException("chain id must be 1.." + MAX_CHAIN_ID_BYTES + " bytes, got " + chain.length);
        }
        AttestationCommitment.checkSalt(salt);
        return new ByteWriter(DOMAIN.length + 4 + chain.length + 69)
                .raw(DOMAIN).bytes(chain).raw(requestId.bytes()).u32(claimIndex).u8(VerdictCodes.code(verdict))
                .raw(salt).toByteArray();
    }

    /** True only if the signature is the validator's over {@link #signBytes} for {@code chainId}. */
    public boolean verify(String chainId) {
        byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
        if (chain.length == 0 || chain.length > MAX_CHAIN_ID_BYTES) {
            return false;
        }
        return Ed25519.verify(validator, signBytes(chainId), signature);
    }

    /** The commitment this attestation opens. */
    public Hash commitment() {
        return AttestationCommitment.of(requestId, claimIndex, verdict, salt, validator);
    }

    /** Same statement, whatever the signature: what equivocation compares. */
    public boolean sameContent(Attestation other) {
        return requestId.equals(other.requestId) && claimIndex == other.claimIndex && verdict == other.verdict
                && Arrays.equals(salt, other.salt) && validator.equals(other.validator);
    }

    /**
     * {@value #ENCODED_LENGTH} bytes: request id (32) ‖ u32 claim index ‖ u8 verdict ‖ salt (32) ‖
     * validator (32) ‖ signature (64).
     */
    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).raw(requestId.bytes()).u32(claimIndex).u8(VerdictCodes.code(verdict))
                .raw(salt).raw(validator.bytes()).raw(signature.bytes()).toByteArray();
    }

    /** @throws DecodeException unless the bytes are exactly one encoding */
    public static Attestation decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        Hash requestId = Hash.wrap(reader.raw(Hash.LENGTH, "request id"));
        long claimIndex = reader.u32("claim index");
        if (claimIndex > Integer.MAX_VALUE) {
            throw new DecodeException("claim index " + claimIndex + " is too large");
        }
        Verdict verdict = decodeVerdict(reader);
        byte[] salt = reader.raw(AttestationCommitment.SALT_LENGTH, "salt");
        PublicKey validator = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "validator"));
        Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "signature"));
        reader.expectEnd("attestation");
        return new Attestation(requestId, (int) claimIndex, verdict, salt, validator, signature);
    }

    /** Reads the u8 verdict code; anything but 0, 1, 2 is a decode failure. */
    public static Verdict decodeVerdict(ByteReader reader) throws DecodeException {
        int code = reader.u8("verdict");
        if (code > 2) {
            throw new DecodeException("verdict code must be 0, 1 or 2, got " + code);
        }
        return VerdictCodes.fromCode(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attestation that && sameContent(that) && signature.equals(that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, claimIndex, verdict, Arrays.hashCode(salt), validator, signature);
    }

    @Override
    public String toString() {
        return "Attestation[request=" + requestId + ", claim=" + claimIndex + ", verdict=" + verdict + ", salt="
                + HexFormat.of().formatHex(salt) + ", validator=" + validator + "]";
    }
}
