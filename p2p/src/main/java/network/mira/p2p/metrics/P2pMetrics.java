package network.mira.p2p.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import network.mira.p2p.Direction;
import network.mira.p2p.frame.ProtocolViolation;
import network.mira.p2p.handshake.RefusalReason;

/**
 * The module's meters (docs/p2p.md, "Metrics"). Prometheus appends {@code _total} to counters.
 * Channel tags are bounded: 0..255 by number, anything else as {@code other}.
 */
public final class P2pMetrics {
    public static final int MAX_TAGGED_CHANNEL = 255;

    private final MeterRegistry registry;
    private final Map<Direction, Counter> bytes = new EnumMap<>(Direction.class);
    private final Map<String, Counter> messages = new ConcurrentHashMap<>();
    private final Map<String, Counter> handshakeFailures = new ConcurrentHashMap<>();
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final Map<ProtocolViolation, Counter> violations = new EnumMap<>(ProtocolViolation.class);
    private final Counter bans;

    /** Why a message was not delivered or not sent. */
    public enum DropReason {
        /** Outbound: the peer's queue was full (drop newest). */
        QUEUE_FULL,
        /** Outbound: larger than the maximum frame. */
        TOO_LARGE,
        /** Inbound: beyond the peer's rate limit. */
        RATE_LIMITED,
        /** Inbound: no handler registered for the channel. */
        UNKNOWN_CHANNEL;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public P2pMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Direction direction : Direction.values()) {
            bytes.put(direction, Counter.builder("mira_p2p_bytes").description("bytes on p2p sockets, framing included")
                    .baseUnit("bytes").tag("direction", direction.tag()).register(registry));
        }
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("mira_p2p_dropped_messages")
                    .description("p2p messages dropped, by reason").tag("reason", reason.tag()).register(registry));
        }
        for (ProtocolViolation violation : ProtocolViolation.values()) {
            violations.put(violation, Counter.builder("mira_p2p_protocol_violations")
                    .description("established connections closed for a protocol violation")
                    .tag("violation", violation.tag()).register(registry));
        }
        bans = Counter.builder("mira_p2p_bans").description("peers banned for reaching the ban score").register(registry);
    }

    /** Registers {@code mira_p2p_peers{direction}} reading the live count. */
    public <T> void peersGauge(T source, ToIntFunction<T> inbound, ToIntFunction<T> outbound) {
        Gauge.builder("mira_p2p_peers", source, s -> inbound.applyAsInt(s)).description("connected peers")
                .tag("direction", Direction.INBOUND.tag()).register(registry);
        Gauge.builder("mira_p2p_peers", source, s -> outbound.applyAsInt(s)).description("connected peers")
                .tag("direction", Direction.OUTBOUND.tag()).register(registry);
    }

    public void bytes(Direction direction, int count) {
        bytes.get(direction).increment(count);
    }

    /** Direction is from this node's view: INBOUND = received. */
    public void message(Direction direction, int channel) {
        String tag = channel >= 0 && channel <= MAX_TAGGED_CHANNEL ? Integer.toString(channel) : "other";
        messages.computeIfAbsent(direction.tag() + "/" + tag, key -> Counter.builder("mira_p2p_messages")
                .description("p2p messages by direction and channel").tag("direction", direction.tag())
                .tag("channel", tag).register(registry)).increment();
    }

    /** @param byPeer true when the remote refused (tag origin=remote), false when this node did */
    public void handshakeFailure(RefusalReason reason, boolean byPeer) {
        String origin = byPeer ? "remote" : "local";
        handshakeFailures.computeIfAbsent(reason.name() + "/" + origin, key -> Counter.builder(
                "mira_p2p_handshake_failures").description("handshakes that did not produce a peer")
                .tag("reason", reason.name()).tag("origin", origin).register(registry)).increment();
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public void violation(ProtocolViolation violation) {
        violations.get(violation).increment();
    }

    public void banned() {
        bans.increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
