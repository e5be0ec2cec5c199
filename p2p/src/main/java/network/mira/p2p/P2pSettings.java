package network.mira.p2p;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.p2p.handshake.HandshakeCodec;

/**
 * Everything the p2p layer needs to know, validated once here so that the rest can assume sane
 * values. Every bound the module enforces is either here or a documented constant (docs/p2p.md).
 *
 * @param listenHost address to accept connections on ({@code 0.0.0.0} = all interfaces)
 * @param listenPort 0 picks a free port ({@link P2pNetwork#start()} returns the one bound)
 * @param chainId refused at handshake unless equal on both sides; at most 64 UTF-8 bytes
 * @param genesisHash refused at handshake unless equal on both sides
 * @param maxInbound established inbound peers; persistent peers are admitted beyond it
 * @param maxOutbound outbound peers that peer exchange dials towards; persistent peers are dialed regardless
 * @param handshakeTimeout from TCP connect to both Auth messages verified
 * @param maxFrameBytes largest encrypted frame (ciphertext and tag, without the 4-byte length) sent or accepted
 * @param outboundQueueMessages per-peer bound of messages written but not yet taken by the socket
 * @param inboundMessagesPerSecond per-peer sustained rate of accepted messages (token refill)
 * @param inboundBurstMessages per-peer token bucket size
 * @param reconnectBackoffBase first persistent-peer redial delay (before jitter)
 * @param reconnectBackoffMax the delay stops doubling here
 * @param banDuration how long a peer whose score reached the ban score is refused
 */
public record P2pSettings(String listenHost, int listenPort, String chainId, Hash genesisHash, NodeIdentity identity,
        int maxInbound, int maxOutbound, Duration handshakeTimeout, int maxFrameBytes, int outboundQueueMessages,
        int inboundMessagesPerSecond, int inboundBurstMessages, Duration reconnectBackoffBase,
        Duration reconnectBackoffMax, Duration banDuration) {

    public static final String DEFAULT_LISTEN_HOST = "0.0.0.0";
    public static final int DEFAULT_LISTEN_PORT = 26656;
    public static final int DEFAULT_MAX_INBOUND = 40;
    public static final int DEFAULT_MAX_OUTBOUND = 10;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** 16 MiB: a 10,000-transaction block of maximum-size (1232-byte) transactions is about 12 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_OUTBOUND_QUEUE_MESSAGES = 1024;
    /** Generous enough for a proposer gossiping a full block's transactions one message each. */
    public static final int DEFAULT_INBOUND_MESSAGES_PER_SECOND = 5_000;
    public static final int DEFAULT_INBOUND_BURST_MESSAGES = 10_000;
    public static final Duration DEFAULT_RECONNECT_BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(60);
    public static final Duration DEFAULT_BAN_DURATION = Duration.ofMinutes(10);

    /** Upper sanity bound for {@link #maxFrameBytes}: frames are buffered whole before decryption. */
    public static final int MAX_FRAME_BYTES_LIMIT = 256 * 1024 * 1024;
    public static final int MAX_CHAIN_ID_BYTES = 64;

    public P2pSettings {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(genesisHash, "genesisHash");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(reconnectBackoffBase, "reconnectBackoffBase");
        Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
        Objects.requireNonNull(banDuration, "banDuration");
        require(!listenHost.isBlank(), "listenHost must not be blank");
        require(listenPort >= 0 && listenPort <= 65535, "listenPort must be 0..65535, got " + listenPort);
        int chainIdBytes = chainId.getBytes(StandardCharsets.UTF_8).length;
        require(chainIdBytes > 0 && chainIdBytes <= MAX_CHAIN_ID_BYTES,
                "chainId must be 1.." + MAX_CHAIN_ID_BYTES + " UTF-8 bytes, got " + chainIdBytes);
        require(maxInbound >= 0, "maxInbound must not be negative, got " + maxInbound);
        require(maxOutbound >= 0, "maxOutbound must not be negative, got " + maxOutbound);
        requirePositive(handshakeTimeout, "handshakeTimeout");
        require(maxFrameBytes >= HandshakeCodec.MAX_FRAME_BYTES && maxFrameBytes <= MAX_FRAME_BYTES_LIMIT,
                "maxFrameBytes must be " + HandshakeCodec.MAX_FRAME_BYTES + ".." + MAX_FRAME_BYTES_LIMIT + ", got "
                        + maxFrameBytes);
        require(outboundQueueMessages > 0, "outboundQueueMessages must be positive, got " + outboundQueueMessages);
        require(inboundMessagesPerSecond > 0, "inboundMessagesPerSecond must be positive, got " + inboundMessagesPerSecond);
        require(inboundBurstMessages > 0, "inboundBurstMessages must be positive, got " + inboundBurstMessages);
        requirePositive(reconnectBackoffBase, "reconnectBackoffBase");
        require(reconnectBackoffMax.compareTo(reconnectBackoffBase) >= 0,
                "reconnectBackoffMax must be at least reconnectBackoffBase, got " + reconnectBackoffMax);
        requirePositive(banDuration, "banDuration");
    }

    /** Defaults for everything except what identifies the chain and this node. */
    public static Builder builder(String chainId, Hash genesisHash, NodeIdentity identity) {
        return new Builder(chainId, genesisHash, identity);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("p2p settings: " + message);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        require(!duration.isNegative() && !duration.isZero(), name + " must be positive, got " + duration);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String chainId;
        private final Hash genesisHash;
        private final NodeIdentity identity;
        private String listenHost = DEFAULT_LISTEN_HOST;
        private int listenPort = DEFAULT_LISTEN_PORT;
        private int maxInbound = DEFAULT_MAX_INBOUND;
        private int maxOutbound = DEFAULT_MAX_OUTBOUND;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int outboundQueueMessages = DEFAULT_OUTBOUND_QUEUE_MESSAGES;
        private int inboundMessagesPerSecond = DEFAULT_INBOUND_MESSAGES_PER_SECOND;
        private int inboundBurstMessages = DEFAULT_INBOUND_BURST_MESSAGES;
        private Duration reconnectBackoffBase = DEFAULT_RECONNECT_BACKOFF_BASE;
        private Duration reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;
        private Duration banDuration = DEFAULT_BAN_DURATION;

        private Builder(String chainId, Hash genesisHash, NodeIdentity identity) {
            this.chainId = chainId;
            this.genesisHash = genesisHash;
            this.identity = identity;
        }

        public Builder listen(String host, int port) {
            this.listenHost = host;
            this.listenPort = port;
            return this;
        }

        public Builder maxInbound(int value) {
            this.maxInbound = value;
            return this;
        }

        public Builder maxOutbound(int value) {
            this.maxOutbound = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            this.maxFrameBytes = value;
            return this;
        }

        public Builder outboundQueueMessages(int value) {
            this.outboundQueueMessages = value;
            return this;
        }

        public Builder inboundRateLimit(int messagesPerSecond, int burstMessages) {
            this.inboundMessagesPerSecond = messagesPerSecond;
            this.inboundBurstMessages = burstMessages;
            return this;
        }

        public Builder reconnectBackoff(Duration base, Duration max) {
            this.reconnectBackoffBase = base;
            this.reconnectBackoffMax = max;
            return this;
        }

        public Builder banDuration(Duration value) {
            this.banDuration = value;
            return this;
        }

        public P2pSettings build() {
            return new P2pSettings(listenHost, listenPort, chainId, genesisHash, identity, maxInbound, maxOutbound,
                    handshakeTimeout, maxFrameBytes, outboundQueueMessages, inboundMessagesPerSecond,
                    inboundBurstMessages, reconnectBackoffBase, reconnectBackoffMax, banDuration);
        }
    }
}
