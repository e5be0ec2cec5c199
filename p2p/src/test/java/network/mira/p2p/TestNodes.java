package network.mira.p2p;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/** Starts real networks on 127.0.0.1 with free ports and closes them after each test. */
public final class TestNodes implements AutoCloseable {
    public static final String CHAIN = "mira-test";
    public static final Hash GENESIS = Hash.sha256("test genesis".getBytes(StandardCharsets.UTF_8));

    private final List<P2pNetwork> networks = new ArrayList<>();

    /** A started node with its meters. */
    public record Node(P2pNetwork network, SimpleMeterRegistry meters, NodeIdentity identity, int port) {
        public PublicKey id() {
            return identity.publicKey();
        }

        public boolean isConnectedTo(Node other) {
            return network.peers().stream().anyMatch(peer -> peer.id().equals(other.id()));
        }

        public double counter(String name, String... tags) {
            Counter counter = Search.in(meters).name(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        public double gauge(String name, String... tags) {
            var gauge = Search.in(meters).name(name).tags(tags).gauge();
            return gauge == null ? 0 : gauge.value();
        }
    }

    public static P2pSettings.Builder settings(NodeIdentity identity) {
        return P2pSettings.builder(CHAIN, GENESIS, identity).listen("127.0.0.1", 0)
                .handshakeTimeout(Duration.ofSeconds(3))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    public Node start() {
        return start(UnaryOperator.identity());
    }

    public Node start(UnaryOperator<P2pSettings.Builder> customize) {
        return start(NodeIdentity.generate(), customize);
    }

    public Node start(NodeIdentity identity, UnaryOperator<P2pSettings.Builder> customize) {
        P2pSettings settings = customize.apply(settings(identity)).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        P2pNetwork network = new P2pNetwork(settings, meters);
        networks.add(network);
        int port = network.start();
        return new Node(network, meters, identity, port);
    }

    @Override
    public void close() {
        networks.forEach(P2pNetwork::close);
    }
}
