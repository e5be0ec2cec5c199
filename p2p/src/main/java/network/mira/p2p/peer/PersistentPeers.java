package network.mira.p2p.peer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.PeerInfo;
import network.mira.p2p.PeerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers the operator listed: kept connected forever. A lost or failed connection is redialed after
 * {@link Backoff} delays that grow with consecutive failures; {@link #ensureDialing()} runs
 * periodically as a safety net so no target can stay idle while disconnected.
 */
public final class PersistentPeers implements PeerListener {
    private static final Logger log = LoggerFactory.getLogger(PersistentPeers.class);

    private final PeerDialer dialer;
    private final Predicate<PublicKey> isConnected;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Map<PublicKey, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Target {
        final PublicKey id;
        final String host;
        final int port;
        int failures;
        boolean pending;

        Target(PublicKey id, String host, int port) {
            this.id = id;
            this.host = host;
            this.port = port;
        }
    }

    public PersistentPeers(PeerDialer dialer, Predicate<PublicKey> isConnected, ScheduledExecutorService scheduler,
            Backoff backoff) {
        this.dialer = dialer;
        this.isConnected = isConnected;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    public void add(PublicKey id, String host, int port) {
        Target target = new Target(id, host, port);
        if (targets.putIfAbsent(id, target) == null) {
            schedule(target, Duration.ZERO);
        }
    }

    public boolean contains(PublicKey id) {
        return targets.containsKey(id);
    }

    /** Schedules a dial for every target that is neither connected nor already scheduled. */
    public void ensureDialing() {
        for (Target target : targets.values()) {
            if (!isConnected.test(target.id)) {
                schedule(target, delay(target));
            }
        }
    }

    public void close() {
        closed = true;
    }

    @Override
    public void onPeerConnected(PeerInfo peer) {
        Target target = targets.get(peer.id());
        if (target != null) {
            synchronized (target) {
                target.failures = 0;
            }
        }
    }

    @Override
    public void onPeerDisconnected(PublicKey peer) {
        Target target = targets.get(peer);
        if (target != null) {
            schedule(target, delay(target));
        }
    }

    private void schedule(Target target, Duration delay) {
        synchronized (target) {
            if (target.pending || closed) {
                return;
            }
            target.pending = true;
        }
        try {
            scheduler.schedule(() -> attempt(target), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (target) {
                target.pending = false;
            }
        }
    }

    private void attempt(Target target) {
        if (closed || isConnected.test(target.id)) {
            synchronized (target) {
                target.pending = false;
            }
            return;
        }
        dialer.dial(target.id, target.host, target.port).whenComplete((id, failure) -> {
            synchronized (target) {
                target.pending = false;
                if (failure != null) {
                    target.failures++;
                }
            }
            if (failure != null) {
                log.debug("persistent peer {} at {}:{} not connected: {}", target.id, target.host, target.port,
                        failure.toString());
            }
            if (!isConnected.test(target.id)) {
                schedule(target, delay(target));
            }
        });
    }

    private Duration delay(Target target) {
        int failures;
        synchronized (target) {
            failures = target.failures;
        }
        return backoff.delay(Math.min(failures, 30), ThreadLocalRandom.current().nextDouble());
    }
}
