package network.mira.p2p;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.frame.FrameOpener;
import network.mira.p2p.frame.FrameSealer;
import network.mira.p2p.handshake.Auth;
import network.mira.p2p.handshake.Handshake;
import network.mira.p2p.handshake.HandshakeCodec;
import network.mira.p2p.handshake.HandshakeException;
import network.mira.p2p.handshake.Hello;
import network.mira.p2p.handshake.LocalNode;
import network.mira.p2p.handshake.Role;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.proto.Envelope;

/**
 * A hand-driven peer over a blocking socket, built from the same pure handshake and frame classes,
 * so tests can misbehave at any byte: wrong signatures, tampered or replayed frames, floods.
 */
public final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final NodeIdentity identity = NodeIdentity.generate();
    public FrameSealer sealer;
    public FrameOpener opener;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawPeer connect(int port) throws IOException {
        return new RawPeer(new Socket("127.0.0.1", port));
    }

    public PublicKey id() {
        return identity.publicKey();
    }

    public Handshake newHandshake() {
        return new Handshake(new LocalNode(identity, TestNodes.CHAIN, TestNodes.GENESIS, 0), Role.INITIATOR, null,
                new SecureRandom());
    }

    /** The honest handshake as initiator; afterwards {@link #sealer} and {@link #opener} are set. */
    public void handshake() throws IOException, HandshakeException {
        Handshake handshake = newHandshake();
        writeFrame(handshake.localHello());
        byte[] helloBytes = readFrame();
        Auth auth = handshake.receiveHello((Hello) HandshakeCodec.decode(helloBytes), helloBytes);
        writeFrame(auth.encode());
        SessionKeys keys = handshake.receiveAuth((Auth) HandshakeCodec.decode(readFrame()));
        sealer = new FrameSealer(keys.sendKey());
        opener = new FrameOpener(keys.receiveKey());
    }

    /** A complete encrypted frame (length prefix included) carrying one Envelope. */
    public byte[] sealedFrame(int channel, byte[] payload) {
        byte[] plaintext = Envelope.newBuilder().setChannel(channel)
                .setPayload(com.google.protobuf.ByteString.copyFrom(payload)).build().toByteArray();
        return frame(sealer.seal(plaintext));
    }

    public static byte[] frame(byte[] body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4 + body.length);
        int length = body.length;
        buffer.write(length);
        buffer.write(length >>> 8);
        buffer.write(length >>> 16);
        buffer.write(length >>> 24);
        buffer.writeBytes(body);
        return buffer.toByteArray();
    }

    public void writeFrame(byte[] body) throws IOException {
        writeRaw(frame(body));
    }

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Blocks for one frame body. */
    public byte[] readFrame() throws IOException {
        byte[] prefix = new byte[4];
        in.readFully(prefix);
        int length = (prefix[0] & 0xFF) | (prefix[1] & 0xFF) << 8 | (prefix[2] & 0xFF) << 16 | (prefix[3] & 0xFF) << 24;
        if (length < 0 || length > 32 * 1024 * 1024) {
            throw new IOException("unexpected frame length " + length);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** Reads and discards until the remote closes; false if it is still open after {@code timeout}. */
    public boolean awaitClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (EOFException | java.net.SocketException closed) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
