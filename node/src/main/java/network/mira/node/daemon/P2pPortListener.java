package network.mira.node.daemon;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the p2p port for the single-validator devnet. A devnet with one validator has no peers, so
 * inbound connections are closed at once; the authenticated peer protocol replaces this class when
 * multi-validator networking lands. Binding it now means the port, its flag and its
 * "already in use" error behave as operators will rely on later.
 */
final class P2pPortListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(P2pPortListener.class);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel channel;

    int start(String host, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel child) {
                        LOG.debug("closing p2p connection from {}: this node runs without peers", child.remoteAddress());
                        child.close();
                    }
                });
        try {
            channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new StartupException("p2p port " + host + ":" + port
                        + " is already in use (set p2p.port, MIRA_P2P_PORT or --p2p-port)");
            }
            throw new StartupException("cannot listen for peers on " + host + ":" + port + ": " + e.getMessage());
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().addListener(ChannelFutureListener.CLOSE);
        }
        group.shutdownGracefully().syncUninterruptibly();
    }
}
