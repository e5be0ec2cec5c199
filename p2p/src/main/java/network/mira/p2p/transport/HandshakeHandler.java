package network.mira.p2p.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.handshake.Auth;
import network.mira.p2p.handshake.Handshake;
import network.mira.p2p.handshake.HandshakeCodec;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.HandshakeMessage;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.RefusalReason;
import network.mira.p2p.handshake.Reject;
import network.mira.p2p.handshake.SessionKeys;

/**
 * Netty adapter for {@link Handshake}: sends our Hello when the connection opens, answers the
 * peer's Hello with Auth, and on the peer's Auth hands the connection over to the session handlers
 * and removes itself. Every failure ends here: counted, the outcome completed, the channel closed.
 *
 * <p>A Reject is sent only before our Auth: after it the peer may already have switched to
 * encrypted frames and would take a plaintext Reject for a forged frame.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private final Handshake handshake;
    private final Direction direction;
    private final HandshakeListener listener;
    private final Duration timeout;
    private final CompletableFuture<PublicKey> outcome;
    private ScheduledFuture<?> timeoutTask;
    private boolean begun;
    private boolean authSent;
    private boolean done;

    public HandshakeHandler(Handshake handshake, Direction direction, HandshakeListener listener, Duration timeout,
            CompletableFuture<PublicKey> outcome) {
        this.handshake = handshake;
        this.direction = direction;
        this.listener = listener;
        this.timeout = timeout;
        this.outcome = outcome;
    }

    /** Accepted channels are already active when their pipeline is built; dialed ones become active later. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx);
        ctx.fireChannelActive();
    }

    private void begin(ChannelHandlerContext ctx) {
        if (begun) {
            return;
        }
        begun = true;
        timeoutTask = ctx.executor().schedule(() -> fail(ctx, new HandshakeException(RefusalReason.TIMEOUT,
                "no complete handshake within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.localHello()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] body;
        try {
            body = ByteBufUtil.getBytes((ByteBuf) msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (done) {
            return;
        }
        try {
            HandshakeMessage message = HandshakeCodec.decode(body);
            if (message instanceof Hello hello) {
                onHello(ctx, hello, body);
            } else if (message instanceof Auth auth) {
                onAuth(ctx, auth);
            } else {
                throw new HandshakeException(((Reject) message).reason(), true, "peer refused the connection");
            }
        } catch (HandshakeException e) {
            fail(ctx, e);
        }
    }

    private void onHello(ChannelHandlerContext ctx, Hello hello, byte[] body) throws HandshakeException {
        Auth auth = handshake.receiveHello(hello, body);
        Optional<RefusalReason> refusal = listener.admit(hello.identity(), direction);
        if (refusal.isPresent()) {
            throw new HandshakeException(refusal.get(), "peer " + hello.identity() + " not admitted");
        }
        authSent = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(auth.encode()));
    }

    private void onAuth(ChannelHandlerContext ctx, Auth auth) throws HandshakeException {
        SessionKeys keys = handshake.receiveAuth(auth);
        Hello peerHello = handshake.peerHello();
        Optional<RefusalReason> refusal = listener.established(ctx.channel(), direction, peerHello, keys);
        if (refusal.isPresent()) {
            throw new HandshakeException(refusal.get(), "peer " + peerHello.identity() + " not registered");
        }
        done = true;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        ctx.pipeline().remove(this);
        outcome.complete(peerHello.identity());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        RefusalReason reason = root instanceof java.io.IOException ? RefusalReason.CLOSED : RefusalReason.MALFORMED;
        fail(ctx, new HandshakeException(reason, String.valueOf(root.getMessage())));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new HandshakeException(RefusalReason.CLOSED, "connection closed during the handshake"));
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, HandshakeException failure) {
        if (done) {
            return;
        }
        done = true;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        listener.failed(direction, failure);
        outcome.completeExceptionally(failure);
        boolean tellPeer = !authSent && !failure.byPeer() && failure.reason() != RefusalReason.CLOSED
                && ctx.channel().isActive();
        if (tellPeer) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new Reject(failure.reason()).encode()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
