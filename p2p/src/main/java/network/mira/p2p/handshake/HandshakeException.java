package network.mira.p2p.handshake;

import java.util.Objects;

/**
 * A refused handshake. {@code byPeer} tells who refused: false = this node found the reason, true =
 * the remote sent a Reject carrying it. Stack traces are omitted: these are expected, frequent and
 * fully described by reason and message.
 */
public final class HandshakeException extends Exception {
    private final RefusalReason reason;
    private final boolean byPeer;

    public HandshakeException(RefusalReason reason, String message) {
        this(reason, false, message);
    }

    public HandshakeException(RefusalReason reason, boolean byPeer, String message) {
        super(reason + (byPeer ? " (refused by peer)" : "") + ": " + message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.byPeer = byPeer;
    }

    public RefusalReason reason() {
        return reason;
    }

    public boolean byPeer() {
        return byPeer;
    }
}
