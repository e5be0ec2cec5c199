package network.mira.p2p.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.Direction;
import network.mira.p2p.peer.PeerDialer;

/** Outbound TCP connections, each starting with the handshake as initiator. */
public final class Dialer implements PeerDialer {
    private final EventLoopGroup group;
    private final ChannelSetup setup;
    private final int connectTimeoutMillis;

    public Dialer(EventLoopGroup group, ChannelSetup setup, Duration connectTimeout) {
        this.group = group;
        this.setup = setup;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    @Override
    public CompletableFuture<PublicKey> dial(PublicKey expected, String host, int port) {
        CompletableFuture<PublicKey> outcome = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        setup.initHandshake(channel, Direction.OUTBOUND, expected).whenComplete((id, failure) -> {
                            if (failure != null) {
                                outcome.completeExceptionally(failure);
                            } else {
                                outcome.complete(id);
                            }
                        });
                    }
                });
        try {
            bootstrap.connect(host, port).addListener(connected -> {
                if (!connected.isSuccess()) {
                    outcome.completeExceptionally(connected.cause());
                }
            });
        } catch (RuntimeException rejected) {
            // The event loop group is shutting down.
            outcome.completeExceptionally(rejected);
        }
        return outcome;
    }
}
