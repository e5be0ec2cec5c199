package network.mira.p2p.handshake;

import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;

/**
 * Sent instead of (or before) an Auth when a side refuses the connection, so that the other side
 * learns why instead of seeing a bare close. Layout: u8 type=3, u32 {@link RefusalReason#code()}.
 */
public record Reject(RefusalReason reason) implements HandshakeMessage {
    public Reject {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(5).u8(HandshakeCodec.TYPE_REJECT).u32(reason.code()).toByteArray();
    }

    static Reject read(ByteReader reader) throws DecodeException {
        return new Reject(RefusalReason.fromCode(reader.u32("reason code")));
    }
}
