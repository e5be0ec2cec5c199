package network.mira.p2p.peer;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.PeerInfo;
import network.mira.p2p.SendResult;
import network.mira.p2p.proto.Envelope;

/**
 * One established, authenticated connection. Its outbound queue is Netty's own write buffer,
 * bounded here by counting what has been handed to it and not yet taken by the socket; when full,
 * the newest message is refused instead of blocking the caller or growing without bound.
 */
public final class Peer {
    private final PublicKey id;
    private final Direction direction;
    private final Channel channel;
    private final int listenPort;
    private final Instant connectedSince;
    private final TokenBucket inboundLimit;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();

    public Peer(PublicKey id, Direction direction, Channel channel, int listenPort, Instant connectedSince,
            TokenBucket inboundLimit, int maxQueuedMessages, long maxQueuedBytes) {
        this.id = Objects.requireNonNull(id, "id");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.listenPort = listenPort;
        this.connectedSince = Objects.requireNonNull(connectedSince, "connectedSince");
        this.inboundLimit = Objects.requireNonNull(inboundLimit, "inboundLimit");
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    public PublicKey id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    /** Whoever dialed: this node for outbound connections, the peer for inbound ones. */
    public PublicKey initiator(PublicKey localId) {
        return direction == Direction.OUTBOUND ? localId : id;
    }

    /** Only touched on the connection's event loop. */
    public TokenBucket inboundLimit() {
        return inboundLimit;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Non-blocking from any thread. */
    public SendResult send(Envelope envelope) {
        if (!channel.isActive()) {
            return SendResult.NOT_CONNECTED;
        }
        int size = envelope.getSerializedSize();
        if (!reserve(size)) {
            return SendResult.QUEUE_FULL;
        }
        channel.writeAndFlush(envelope).addListener(written -> release(size));
        return SendResult.QUEUED;
    }

    public void close() {
        channel.close();
    }

    /** Where this peer accepts connections: its address as we see it and the port its Hello states. */
    public Optional<InetSocketAddress> dialAddress() {
        SocketAddress remote = channel.remoteAddress();
        if (listenPort == 0 || !(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(inet.getAddress(), listenPort));
    }

    public PeerInfo info(int score) {
        SocketAddress remote = channel.remoteAddress();
        String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(remote);
        return new PeerInfo(id, address, listenPort, direction, score, connectedSince);
    }

    private boolean reserve(int size) {
        int messages = queuedMessages.incrementAndGet();
        long bytes = queuedBytes.addAndGet(size);
        if (messages > maxQueuedMessages || bytes > maxQueuedBytes) {
            release(size);
            return false;
        }
        return true;
    }

    private void release(int size) {
        queuedMessages.decrementAndGet();
        queuedBytes.addAndGet(-size);
    }

    @Override
    public String toString() {
        return "Peer[" + id + " " + direction.tag() + " " + channel.remoteAddress() + "]";
    }
}
