package network.mira.p2p.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    @Test
    void reassemblesFramesSplitAndJoinedArbitrarily() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
        byte[] stream = {3, 0, 0, 0, 'a', 'b', 'c', 0, 0, 0, 0, 1, 0, 0, 0, 'z'};
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(read(channel)).containsExactly('a', 'b', 'c');
        assertThat(read(channel)).isEmpty();
        assertThat(read(channel)).containsExactly('z');
        assertThat(channel.<Object>readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizeLengthFailsFromTheFourHeaderBytesAlone() {
        FrameDecoder decoder = new FrameDecoder(1024);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        // 0xFFFFFFFF bytes announced, none of the body sent: refused without waiting or allocating.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {-1, -1, -1, -1})))
                .isInstanceOf(DecoderException.class).cause().isInstanceOfSatisfying(ProtocolViolationException.class,
                        e -> assertThat(e.violation()).isEqualTo(ProtocolViolation.OVERSIZE_FRAME));
        // Whatever follows is discarded, not decoded.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 'x'}));
        assertThat(channel.<Object>readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void maximumCanBeRaisedAfterTheHandshake() {
        FrameDecoder decoder = new FrameDecoder(4);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.setMaxFrameBytes(8);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
        assertThat(read(channel)).hasSize(8);
        channel.finishAndReleaseAll();
    }

    private static byte[] read(EmbeddedChannel channel) {
        ByteBuf frame = channel.readInbound();
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }
}
