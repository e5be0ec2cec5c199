package network.mira.node.verify.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationStoreTest {
    private static final KeyPair IDENTITY = KeyPair.fromSeed(Hash.sha256("v0".getBytes(StandardCharsets.UTF_8))
            .bytes());
    private static final PublicKey REQUEST = KeyPair.fromSeed(Hash.sha256("r".getBytes(StandardCharsets.UTF_8))
            .bytes()).publicKey();
    private static final Hash REQUEST_ID = Hash.sha256("request id".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private static SeatAttestation seat(int claim, Verdict verdict, int saltByte) {
        byte[] salt = new byte[32];
        java.util.Arrays.fill(salt, (byte) saltByte);
        return new SeatAttestation(REQUEST, 40, Attestation.sign("mira-test", REQUEST_ID, claim, verdict, salt,
                IDENTITY));
    }

    @Test
    void seatsSurviveReopenWithTheirSaltAndSignature() throws Exception {
        AttestationStore store = AttestationStore.open(dir);
        store.put(List.of(seat(0, Verdict.TRUE, 1), seat(2, Verdict.FALSE, 2)));

        AttestationStore reopened = AttestationStore.open(dir);

        assertThat(reopened.requests()).containsExactly(REQUEST);
        assertThat(reopened.seats(REQUEST)).containsOnlyKeys(0, 2);
        assertThat(reopened.seats(REQUEST).get(0)).isEqualTo(seat(0, Verdict.TRUE, 1));
        assertThat(reopened.seats(REQUEST).get(2).commitment()).isEqualTo(seat(2, Verdict.FALSE, 2).commitment());
        assertThat(reopened.seats(REQUEST).get(2).revealDeadline()).isEqualTo(40);
    }

    @Test
    void puttingTheSameSeatAgainChangesNothingAndAddingASeatKeepsTheOthers() throws Exception {
        AttestationStore store = AttestationStore.open(dir);
        store.put(List.of(seat(0, Verdict.TRUE, 1)));
        store.put(List.of(seat(0, Verdict.TRUE, 1)));
        store.put(List.of(seat(1, Verdict.UNCERTAIN, 3)));

        assertThat(AttestationStore.open(dir).seats(REQUEST)).containsOnlyKeys(0, 1);
    }

    @Test
    void aSeatIsNeverReplacedByAnotherAttestation() throws Exception {
        AttestationStore store = AttestationStore.open(dir);
        store.put(List.of(seat(0, Verdict.TRUE, 1)));

        assertThatThrownBy(() -> store.put(List.of(seat(0, Verdict.TRUE, 9))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must never be replaced");
        assertThatThrownBy(() -> store.put(List.of(seat(0, Verdict.FALSE, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AttestationStore.open(dir).seats(REQUEST).get(0)).isEqualTo(seat(0, Verdict.TRUE, 1));
    }

    @Test
    void deleteForgetsTheRequestAcrossReopen() throws Exception {
        AttestationStore store = AttestationStore.open(dir);
        store.put(List.of(seat(0, Verdict.TRUE, 1)));

        store.delete(REQUEST);

        assertThat(store.requests()).isEmpty();
        assertThat(AttestationStore.open(dir).requests()).isEmpty();
    }

    @Test
    void anInterruptedWriteLeavesTheOldRecordAndItsTemporaryFileIsRemoved() throws Exception {
        AttestationStore store = AttestationStore.open(dir);
        store.put(List.of(seat(0, Verdict.TRUE, 1)));
        Files.write(dir.resolve(REQUEST + ".att.tmp"), new byte[] {1, 2, 3});

        AttestationStore reopened = AttestationStore.open(dir);

        assertThat(reopened.seats(REQUEST)).containsOnlyKeys(0);
        assertThat(dir.resolve(REQUEST + ".att.tmp")).doesNotExist();
    }

    @Test
    void aCorruptRecordStopsTheOpenNamingTheFile() throws Exception {
        AttestationStore.open(dir).put(List.of(seat(0, Verdict.TRUE, 1)));
        Path file = dir.resolve(REQUEST + ".att");
        byte[] bytes = Files.readAllBytes(file);
        bytes[60] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> AttestationStore.open(dir))
                .isInstanceOf(AttestationStore.AttestationStoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
    }
}
