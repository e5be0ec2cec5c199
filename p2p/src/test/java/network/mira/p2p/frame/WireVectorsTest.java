package network.mira.p2p.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import network.mira.core.crypto.Hash;
import network.mira.p2p.handshake.KeySchedule;
import network.mira.p2p.handshake.Role;
import network.mira.p2p.handshake.SessionKeys;
import network.mira.p2p.handshake.Transcript;
import network.mira.p2p.proto.Envelope;
import org.junit.jupiter.api.Test;

/**
 * The test vectors published in docs/p2p.md, so that another implementation can check its key
 * schedule and frame sealing. They were cross-checked against an independent implementation
 * (Python: hmac/hashlib HKDF and the cryptography package's ChaCha20Poly1305). Changing any of
 * them breaks the wire protocol.
 */
class WireVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keyScheduleAndFramesMatchThePublishedVectors() {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i + 1);
        }
        Hash transcript = Hash.sha256("mira transcript".getBytes(StandardCharsets.UTF_8));
        assertThat(transcript.toHex()).isEqualTo("4f0cd2e8103011562528d00676bf95f384a0fa785a7b977a2ab295bc25fc512a");
        assertThat(HEX.formatHex(Transcript.signedMessage(transcript))).isEqualTo(
                "6d6972612f7032702f68616e647368616b652f7631" + transcript.toHex());

        SessionKeys initiator = KeySchedule.derive(secret, transcript, Role.INITIATOR);
        SessionKeys responder = KeySchedule.derive(secret, transcript, Role.RESPONDER);
        assertThat(HEX.formatHex(initiator.sendKey()))
                .isEqualTo("f1c7a5341ee4720bcda338e64eb961655d9bee2562d4c5a37c83852e5df20521");
        assertThat(HEX.formatHex(initiator.receiveKey()))
                .isEqualTo("2596382f5fbcaabe62ed40c811733f2fd53bce1d818650aa8c1e37cb24d406a4");
        assertThat(responder.receiveKey()).isEqualTo(initiator.sendKey());

        byte[] envelope = Envelope.newBuilder().setChannel(1)
                .setPayload(com.google.protobuf.ByteString.copyFromUtf8("mira")).build().toByteArray();
        assertThat(HEX.formatHex(envelope)).isEqualTo("080112046d697261");
        FrameSealer sealer = new FrameSealer(initiator.sendKey());
        assertThat(HEX.formatHex(sealer.seal(envelope))).isEqualTo("49e025a1b53a38f76d82f8ee03b752a490541e4b6c3284d1");
        assertThat(HEX.formatHex(sealer.seal(envelope))).isEqualTo("bd7f4918f8486e007425505bb87f70ccda7690061ffa4468");
    }
}
