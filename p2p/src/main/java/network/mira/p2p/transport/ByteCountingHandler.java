package network.mira.p2p.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import network.mira.p2p.Direction;
import network.mira.p2p.metrics.P2pMetrics;

/** Counts raw socket bytes both ways (handshake, framing and tags included). First in the pipeline. */
@ChannelHandler.Sharable
public final class ByteCountingHandler extends ChannelDuplexHandler {
    private final P2pMetrics metrics;

    public ByteCountingHandler(P2pMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytes(Direction.INBOUND, buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytes(Direction.OUTBOUND, buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
