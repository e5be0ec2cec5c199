package network.mira.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import org.junit.jupiter.api.Test;

class StateProofTest {
    private static final Hash A = Hash.sha256(new byte[] {1});
    private static final Hash B = Hash.sha256(new byte[] {2});

    @Test
    void encodingIsPinned() throws DecodeException {
        StateProof proof = StateProof.present(A, List.of(B, Hash.ZERO, B));
        byte[] encoded = proof.encode();

        // kind, value, count 3 (u16 LE), bitmap 0b101, then the two non-empty siblings
        assertThat(encoded).hasSize(1 + 32 + 2 + 1 + 2 * 32);
        assertThat(encoded[0]).isEqualTo((byte) 0);
        assertThat(encoded[33]).isEqualTo((byte) 3);
        assertThat(encoded[34]).isEqualTo((byte) 0);
        assertThat(encoded[35]).isEqualTo((byte) 0b101);
        assertThat(StateProof.decode(encoded)).isEqualTo(proof);
    }

    @Test
    void everyKindRoundTrips() throws DecodeException {
        List<Hash> siblings = new ArrayList<>();
        for (int i = 0; i < StateProof.MAX_SIBLINGS; i++) {
            siblings.add(i % 3 == 0 ? Hash.ZERO : Hash.sha256(new byte[] {(byte) i}));
        }
        for (StateProof proof : List.of(
                StateProof.present(A, List.of()),
                StateProof.absentEmpty(siblings),
                StateProof.absentOtherLeaf(A, B, siblings.subList(0, 9)))) {
            assertThat(StateProof.decode(proof.encode())).isEqualTo(proof);
        }
    }

    @Test
    void rejectsAnUnknownKind() {
        byte[] encoded = StateProof.absentEmpty(List.of()).encode();
        encoded[0] = 3;
        assertThatThrownBy(() -> StateProof.decode(encoded)).isInstanceOf(DecodeException.class).hasMessageContaining("kind");
    }

    @Test
    void rejectsMoreSiblingsThanKeyBits() {
        byte[] encoded = {1, (byte) 0x01, 0x01}; // absent-empty, 257 siblings
        assertThatThrownBy(() -> StateProof.decode(encoded))
                .isInstanceOf(DecodeException.class).hasMessageContaining("257 exceeds maximum 256");
    }

    @Test
    void rejectsBitmapBitsPastTheSiblingCount() {
        byte[] encoded = StateProof.absentEmpty(List.of(Hash.ZERO)).encode();
        encoded[3] = 0b10;
        assertThatThrownBy(() -> StateProof.decode(encoded))
                .isInstanceOf(DecodeException.class).hasMessageContaining("past sibling count");
    }

    @Test
    void rejectsAnAllZeroSiblingFlaggedNonEmpty() {
        byte[] encoded = StateProof.absentEmpty(List.of(B)).encode();
        Arrays.fill(encoded, 4, 36, (byte) 0);
        assertThatThrownBy(() -> StateProof.decode(encoded))
                .isInstanceOf(DecodeException.class).hasMessageContaining("sibling 0");
    }

    @Test
    void rejectsTruncatedAndExtendedInputNamingTheField() {
        byte[] encoded = StateProof.absentOtherLeaf(A, B, List.of(B)).encode();
        assertThatThrownBy(() -> StateProof.decode(new byte[0]))
                .isInstanceOf(DecodeException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> StateProof.decode(Arrays.copyOf(encoded, 40)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("leaf value hash");
        assertThatThrownBy(() -> StateProof.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("sibling 0");
        assertThatThrownBy(() -> StateProof.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("trailing");
    }

    @Test
    void aClaimOfTheWrongKindNeverVerifies() {
        Hash root = StateNode.leafHash(A, B);
        StateProof present = StateProof.present(B, List.of());
        assertThat(present.verify(root, A, Optional.of(B))).isTrue();
        assertThat(present.verify(root, A, Optional.empty())).isFalse();

        StateProof absent = StateProof.absentOtherLeaf(A, B, List.of());
        assertThat(absent.verify(root, B, Optional.empty())).isTrue();
        assertThat(absent.verify(root, B, Optional.of(B))).isFalse();
        assertThat(absent.verify(root, A, Optional.empty())).isFalse();
    }
}
