package network.mira.p2p.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import network.mira.p2p.Direction;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.frame.ProtocolViolation;
import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.proto.Envelope;

/**
 * The encrypted session: frame bodies in are opened and parsed into {@link Envelope}s; Envelopes
 * out are serialized and sealed (the length prefix is added below). After the first bad frame it
 * drops everything: the connection is closing and one violation is penalized once.
 */
public final class SessionHandler extends ChannelDuplexHandler {
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final P2pMetrics metrics;
    private boolean failed;

    public SessionHandler(FrameSealer sealer, FrameOpener opener, P2pMetrics metrics) {
        this.sealer = sealer;
        this.opener = opener;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] ciphertext;
        try {
            ciphertext = ByteBufUtil.getBytes((ByteBuf) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (failed) {
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(opener.open(ciphertext));
        } catch (InvalidProtocolBufferException e) {
            failed = true;
            throw new ProtocolViolationException(ProtocolViolation.MALFORMED_MESSAGE, "not an Envelope: " + e.getMessage());
        } catch (ProtocolViolationException e) {
            failed = true;
            throw e;
        }
        ctx.fireChannelRead(envelope);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Envelope envelope)) {
            // Nothing may reach the socket unencrypted once the session is up.
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("only Envelopes are written on an encrypted session, got "
                    + msg.getClass().getName()));
            return;
        }
        ByteBuf frame;
        try {
            frame = Unpooled.wrappedBuffer(sealer.seal(envelope.toByteArray()));
        } catch (RuntimeException e) {
            promise.setFailure(e);
            ctx.close();
            return;
        }
        metrics.message(Direction.OUTBOUND, envelope.getChannel());
        ctx.write(frame, promise);
    }
}
