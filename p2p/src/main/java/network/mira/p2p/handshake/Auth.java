package network.mira.p2p.handshake;

import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Signature;

/**
 * Proof that the sender holds the identity key of its Hello: an Ed25519 signature over
 * {@link Transcript#signedMessage}. Layout: u8 type=2, 64-byte signature.
 */
public record Auth(Signature signature) implements HandshakeMessage {
    public Auth {
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(1 + Signature.LENGTH).u8(HandshakeCodec.TYPE_AUTH).raw(signature.bytes()).toByteArray();
    }

    static Auth read(ByteReader reader) throws DecodeException {
        return new Auth(Signature.wrap(reader.raw(Signature.LENGTH, "signature")));
    }
}
