package network.mira.p2p.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import network.mira.p2p.frame.ProtocolViolationException;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.proto.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an established connection: hands Envelopes to the node, keeps the link
 * alive (an empty peer-exchange message when we have been quiet, a close when the peer has), and
 * is where every exception ends. Protocol violations are reported (the peer is penalized) and the connection is
 * closed; I/O errors just close it. Nothing propagates further.
 */
public final class PeerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);
    /** An empty peer-exchange message: valid, cheap, and ignored beyond proving we are alive. */
    static final Envelope KEEPALIVE = Envelope.newBuilder().setChannel(network.mira.p2p.pex.PexService.CHANNEL).build();

    private final Peer peer;
    private final PeerEvents events;
    private boolean violationReported;

    public PeerHandler(Peer peer, PeerEvents events) {
        this.peer = peer;
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Envelope envelope && ctx.channel().isActive()) {
            events.onMessage(peer, envelope);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                peer.send(KEEPALIVE);
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.info("closing connection to {}: silent for {} s", peer, ChannelSetup.SILENCE_TIMEOUT_SECONDS);
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolationException violation) {
            if (!violationReported) {
                violationReported = true;
                log.warn("closing connection to {}: {}", peer, violation.getMessage());
                events.onViolation(peer, violation);
            }
        } else {
            log.debug("closing connection to {}: {}", peer, root.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        events.onDisconnected(peer);
        ctx.fireChannelInactive();
    }
}
