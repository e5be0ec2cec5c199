package network.mira.p2p;

import network.mira.core.crypto.PublicKey;

/**
 * Receives the payloads of one channel. Called on the Netty event-loop thread that owns the sending
 * peer's connection, so messages from one peer arrive in order, and while the handler runs that
 * connection (and others on the same loop) reads nothing. Handlers must therefore be quick: decode,
 * validate cheaply, and hand work off to their own bounded queue. A handler that throws is logged
 * and the message dropped; the connection stays up. Use {@link P2pNetwork#penalize} for payloads
 * that are invalid.
 */
@FunctionalInterface
public interface MessageHandler {
    /** @param payload owned by the handler (a fresh copy, not shared with anyone) */
    void onMessage(PublicKey from, byte[] payload);
}
