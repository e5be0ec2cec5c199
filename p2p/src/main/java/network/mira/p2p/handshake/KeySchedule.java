package network.mira.p2p.handshake;

import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.Hash;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869) from the X25519 secret, salted with the transcript hash, one key per
 * direction. Separate keys per direction mean both sides can count nonces from zero without ever
 * encrypting two frames under the same key and nonce.
 */
public final class KeySchedule {
    public static final byte[] INITIATOR_TO_RESPONDER =
            "mira/p2p/v1 initiator->responder".getBytes(StandardCharsets.UTF_8);
    public static final byte[] RESPONDER_TO_INITIATOR =
            "mira/p2p/v1 responder->initiator".getBytes(StandardCharsets.UTF_8);

    private KeySchedule() {}

    public static SessionKeys derive(byte[] sharedSecret, Hash transcriptHash, Role role) {
        byte[] initiatorToResponder = expand(sharedSecret, transcriptHash, INITIATOR_TO_RESPONDER);
        byte[] responderToInitiator = expand(sharedSecret, transcriptHash, RESPONDER_TO_INITIATOR);
        return role == Role.INITIATOR
                ? new SessionKeys(initiatorToResponder, responderToInitiator)
                : new SessionKeys(responderToInitiator, initiatorToResponder);
    }

    private static byte[] expand(byte[] sharedSecret, Hash salt, byte[] info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(sharedSecret, salt.bytes(), info));
        byte[] key = new byte[SessionKeys.KEY_BYTES];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }
}
