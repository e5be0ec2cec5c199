package network.mira.p2p;

/** Who opened the TCP connection: the remote (inbound) or this node (outbound, the handshake initiator). */
public enum Direction {
    INBOUND,
    OUTBOUND;

    /** Metric tag value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
