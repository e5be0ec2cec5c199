package network.mira.settlement.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedSignerTest {
    private final KeyPair key = KeyPair.generate(new SecureRandom());
    @TempDir
    Path dir;

    private GuardedSigner open() throws IOException {
        return GuardedSigner.open(key, dir.resolve("last-sign.bin"));
    }

    @Test
    void signsAndRemembersAcrossRestart() throws Exception {
        GuardedSigner signer = open();
        Signature signature = signer.sign(5, 0, VoteStep.PRECOMMIT, new byte[] {1, 2, 3});
        assertThat(Ed25519.verify(key.publicKey(), new byte[] {1, 2, 3}, signature)).isTrue();

        GuardedSigner restarted = open();
        assertThat(restarted.lastSigned()).contains(new ConsensusSigner.LastSigned(5, 0, VoteStep.PRECOMMIT));
        assertThat(restarted.sign(5, 0, VoteStep.PRECOMMIT, new byte[] {1, 2, 3})).isEqualTo(signature);
    }

    @Test
    void refusesDifferentBytesAtTheSameStepEvenAfterRestart() throws Exception {
        open().sign(5, 0, VoteStep.PRECOMMIT, new byte[] {1});
        assertThatThrownBy(() -> open().sign(5, 0, VoteStep.PRECOMMIT, new byte[] {2}))
                .isInstanceOf(DoubleSignRefusedException.class)
                .hasMessageContaining("height 5 round 0 PRECOMMIT");
    }

    @Test
    void refusesToGoBackwards() throws Exception {
        GuardedSigner signer = open();
        signer.sign(5, 2, VoteStep.PREVOTE, new byte[] {1});
        assertThatThrownBy(() -> signer.sign(4, 9, VoteStep.PRECOMMIT, new byte[] {1}))
                .isInstanceOf(DoubleSignRefusedException.class);
        assertThatThrownBy(() -> signer.sign(5, 1, VoteStep.PRECOMMIT, new byte[] {1}))
                .isInstanceOf(DoubleSignRefusedException.class);
        assertThatThrownBy(() -> signer.sign(5, 2, VoteStep.PROPOSAL, new byte[] {1}))
                .isInstanceOf(DoubleSignRefusedException.class);
        assertThat(signer.sign(5, 2, VoteStep.PRECOMMIT, new byte[] {9})).isNotNull();
        assertThat(signer.sign(6, 0, VoteStep.PROPOSAL, new byte[] {9})).isNotNull();
    }

    @Test
    void refusesToStartFromACorruptStateFile() throws Exception {
        open().sign(1, 0, VoteStep.PRECOMMIT, new byte[] {1});
        Path file = dir.resolve("last-sign.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }
}
