package network.mira.p2p;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.mira.p2p.metrics.P2pMetrics;
import network.mira.p2p.metrics.P2pMetrics.DropReason;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.PeerDiscipline;
import network.mira.p2p.pex.PexService;
import network.mira.p2p.proto.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers one authentic message: rate limit, then peer exchange or the channel's handler. */
final class InboundRouter {
    /** Per message over the limit: a sustained flood reaches the ban score after 100 excess messages. */
    static final int RATE_LIMIT_PENALTY_POINTS = 1;

    private static final Logger log = LoggerFactory.getLogger(InboundRouter.class);

    private final Map<Integer, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final P2pMetrics metrics;
    private final PeerDiscipline discipline;
    private PexService pex;

    InboundRouter(P2pMetrics metrics, PeerDiscipline discipline) {
        this.metrics = metrics;
        this.discipline = discipline;
    }

    void setPex(PexService pex) {
        this.pex = pex;
    }

    void register(int channel, MessageHandler handler) {
        if (handlers.putIfAbsent(channel, handler) != null) {
            throw new IllegalStateException("a handler is already registered for channel " + channel);
        }
    }

    /** On the peer's event loop. */
    void route(Peer peer, Envelope envelope) {
        int channel = envelope.getChannel();
        metrics.message(Direction.INBOUND, channel);
        if (!peer.inboundLimit().tryTake()) {
            metrics.dropped(DropReason.RATE_LIMITED);
            discipline.penalize(peer.id(), "inbound rate limit exceeded", RATE_LIMIT_PENALTY_POINTS);
            return;
        }
        byte[] payload = envelope.getPayload().toByteArray();
        if (channel == PexService.CHANNEL) {
            pex.onMessage(peer, payload);
            return;
        }
        MessageHandler handler = handlers.get(channel);
        if (handler == null) {
            // Possibly a newer peer's channel: not a fault.
            metrics.dropped(DropReason.UNKNOWN_CHANNEL);
            return;
        }
        try {
            handler.onMessage(peer.id(), payload);
        } catch (RuntimeException e) {
            log.warn("handler for channel {} failed on a message from {}", channel, peer.id(), e);
        }
    }
}
