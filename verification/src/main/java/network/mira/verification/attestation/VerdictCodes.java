package network.mira.verification.attestation;

import network.mira.verification.verifier.Verdict;

/**
 * The u8 a verdict is encoded as in commitments, signed bytes and certificates: TRUE = 0,
 * FALSE = 1, UNCERTAIN = 2. Fixed here rather than taken from the enum's declaration order, so
 * reordering the enum cannot change what validators signed.
 */
public final class VerdictCodes {
    private VerdictCodes() {}

    public static int code(Verdict verdict) {
        return switch (verdict) {
            case TRUE -> 0;
            case FALSE -> 1;
            case UNCERTAIN -> 2;
        };
    }

    /** @throws IllegalArgumentException for any other byte */
    public static Verdict fromCode(int code) {
        return switch (code) {
            case 0 -> Verdict.TRUE;
            case 1 -> Verdict.FALSE;
            case 2 -> Verdict.UNCERTAIN;
            default -> throw new IllegalArgumentException("verdict code must be 0, 1 or 2, got " + code);
        };
    }
}
