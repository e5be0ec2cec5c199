package network.mira.p2p.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames: u32 little-endian length, then that many bytes. The length is
 * checked against the maximum before any of the body is waited for, so an oversize claim costs
 * four bytes, never an allocation. The maximum starts at the handshake's and is raised once the
 * connection is encrypted.
 *
 * <p>On a violation it discards everything it holds and everything that follows; the handler that
 * catches the exception closes the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    public static final int LENGTH_BYTES = 4;

    private int maxFrameBytes;
    private boolean failed;

    public FrameDecoder(int maxFrameBytes) {
        setMaxFrameBytes(maxFrameBytes);
    }

    /** Called on the channel's event loop when the handshake completes. */
    public void setMaxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        long length = in.getUnsignedIntLE(in.readerIndex());
        if (length > maxFrameBytes) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ProtocolViolationException(ProtocolViolation.OVERSIZE_FRAME,
                    "frame of " + length + " bytes exceeds the maximum of " + maxFrameBytes);
        }
        if (in.readableBytes() < LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        out.add(in.readRetainedSlice((int) length));
    }
}
