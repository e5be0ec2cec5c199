package network.mira.p2p.handshake;

/**
 * Why a handshake did not produce a peer. The numeric code travels in a Reject message (docs/p2p.md)
 * and must never change meaning; the name is the metric tag.
 */
public enum RefusalReason {
    /** A Reject carried a code this version does not know (a newer peer). */
    UNKNOWN(0),
    PROTOCOL_VERSION(1),
    WRONG_CHAIN(2),
    WRONG_GENESIS(3),
    BAD_SIGNATURE(4),
    SELF_CONNECTION(5),
    /** The dialed address answered with an identity other than the one we expected there. */
    UNEXPECTED_PEER(6),
    DUPLICATE_PEER(7),
    BANNED(8),
    TOO_MANY_PEERS(9),
    TIMEOUT(10),
    MALFORMED(11),
    /** The peer's ephemeral X25519 key is a low-order point: the shared secret would be all zeros. */
    WEAK_EPHEMERAL_KEY(12),
    /** The connection closed (or never opened) before the handshake finished. */
    CLOSED(13),
    SHUTTING_DOWN(14);

    private final int code;

    RefusalReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Unknown codes map to {@link #UNKNOWN}: a newer peer may have reasons we do not. */
    public static RefusalReason fromCode(long code) {
        for (RefusalReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return UNKNOWN;
    }
}
