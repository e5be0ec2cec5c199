package network.mira.p2p.handshake;

import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.Hash;

/**
 * What both sides sign and what salts the key derivation: both Hellos exactly as framed, initiator
 * first. Binding both ephemeral keys and both nonces means a signature cannot be replayed into
 * another connection, and binding chain id and genesis means it cannot be replayed into another chain.
 */
public final class Transcript {
    /** Domain separation: these signatures can never be mistaken for a transaction or vote signature. */
    public static final byte[] SIGNATURE_DOMAIN = "mira/p2p/handshake/v1".getBytes(StandardCharsets.UTF_8);

    private Transcript() {}

    /** SHA-256(initiator Hello bytes || responder Hello bytes); each Hello is self-delimiting. */
    public static Hash hash(byte[] initiatorHello, byte[] responderHello) {
        return Hash.sha256(initiatorHello, responderHello);
    }

    /** The bytes each side signs with its identity key: the domain string then the transcript hash. */
    public static byte[] signedMessage(Hash transcriptHash) {
        return concat(SIGNATURE_DOMAIN, transcriptHash.bytes());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
