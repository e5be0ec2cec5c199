package network.mira.p2p.handshake;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.DecodeException;

/**
 * Decodes a handshake frame body: a type byte, then the message (docs/p2p.md, "Handshake"). Every
 * input is hostile; anything but an exact, complete message of a known type is MALFORMED.
 */
public final class HandshakeCodec {
    /** Handshake frames are tiny (a Hello is at most 205 bytes); anything near this is an attack. */
    public static final int MAX_FRAME_BYTES = 4096;

    static final int TYPE_HELLO = 1;
    static final int TYPE_AUTH = 2;
    static final int TYPE_REJECT = 3;

    private HandshakeCodec() {}

    public static HandshakeMessage decode(byte[] body) throws HandshakeException {
        if (body.length == 0) {
            throw new HandshakeException(RefusalReason.MALFORMED, "empty handshake frame");
        }
        ByteReader reader = new ByteReader(body);
        try {
            int type = reader.u8("message type");
            HandshakeMessage message = switch (type) {
                case TYPE_HELLO -> Hello.read(reader);
                case TYPE_AUTH -> Auth.read(reader);
                case TYPE_REJECT -> Reject.read(reader);
                default -> throw new HandshakeException(RefusalReason.MALFORMED, "unknown handshake message type " + type);
            };
            reader.expectEnd("handshake message");
            return message;
        } catch (DecodeException e) {
            throw new HandshakeException(RefusalReason.MALFORMED, e.getMessage());
        }
    }
}
