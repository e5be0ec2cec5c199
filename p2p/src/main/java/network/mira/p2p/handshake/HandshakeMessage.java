package network.mira.p2p.handshake;

/** The three plaintext messages exchanged before a connection is encrypted. */
public sealed interface HandshakeMessage permits Hello, Auth, Reject {
    /** Canonical bytes: what is framed on the wire (and, for Hello, hashed into the transcript). */
    byte[] encode();
}
