package network.mira.p2p.frame;

/**
 * Misbehaviour on an established connection that ends it. The points are subtracted from the
 * peer's score (docs/p2p.md, "Scoring and bans"); two violations reach the ban score.
 */
public enum ProtocolViolation {
    /** The length prefix exceeds the maximum frame size; the frame is never buffered. */
    OVERSIZE_FRAME(50),
    /** Tampered, replayed, reordered or forged ciphertext. */
    UNAUTHENTIC_FRAME(50),
    /** Authentic, but the plaintext is not a valid Envelope. */
    MALFORMED_MESSAGE(50);

    private final int penaltyPoints;

    ProtocolViolation(int penaltyPoints) {
        this.penaltyPoints = penaltyPoints;
    }

    public int penaltyPoints() {
        return penaltyPoints;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
