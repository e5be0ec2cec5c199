package network.mira.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static final Hash BLOCKHASH = Hash.sha256(new byte[] {7});

    private static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.wrap(bytes);
    }

    private static List<PublicKey> keys(int count) {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(key(i + 1));
        }
        return keys;
    }

    @Test
    void signerAndWritableFollowTheHeader() {
        // 3 signers (last 1 read-only), 3 non-signers (last 2 read-only)
        Message message = new Message(MessageVersion.LEGACY, new MessageHeader(3, 1, 2), keys(6), BLOCKHASH,
                List.of());
        assertThat(List.of(0, 1, 2, 3, 4, 5)).map(message::isSigner)
                .containsExactly(true, true, true, false, false, false);
        assertThat(List.of(0, 1, 2, 3, 4, 5)).map(message::isWritable)
                .containsExactly(true, true, false, true, false, false);
        assertThat(message.feePayer()).isEqualTo(key(1));
        assertThat(message.requiredSigners()).containsExactly(key(1), key(2), key(3));
        assertThatThrownBy(() -> message.isSigner(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> message.isWritable(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void programIdResolvesTheIndex() {
        CompiledInstruction instruction = new CompiledInstruction(2, new byte[] {0, 1}, new byte[] {9});
        Message message = new Message(MessageVersion.V0, new MessageHeader(1, 0, 1), keys(3), BLOCKHASH,
                List.of(instruction));
        assertThat(message.programId(instruction)).isEqualTo(key(3));
        assertThatThrownBy(() -> message.programId(new CompiledInstruction(5, new byte[0], new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v0SerializationHasThePrefixAndAnEmptyLookupTableVector() {
        Message legacy = new Message(MessageVersion.LEGACY, new MessageHeader(1, 0, 0), keys(1), BLOCKHASH, List.of());
        Message v0 = new Message(MessageVersion.V0, new MessageHeader(1, 0, 0), keys(1), BLOCKHASH, List.of());
        byte[] legacyBytes = legacy.serialize();
        byte[] v0Bytes = v0.serialize();
        assertThat(v0Bytes).hasSize(legacyBytes.length + 2);
        assertThat(v0Bytes[0]).isEqualTo((byte) 0x80);
        assertThat(Arrays.copyOfRange(v0Bytes, 1, v0Bytes.length - 1)).isEqualTo(legacyBytes);
        assertThat(v0Bytes[v0Bytes.length - 1]).isZero();
        assertThat(legacy).isNotEqualTo(v0);
    }

    @Test
    void constructorAppliesTheSameRulesAsTheDecoder() {
        assertThatThrownBy(() -> new Message(MessageVersion.LEGACY, new MessageHeader(1, 0, 0),
                List.of(key(1), key(1)), BLOCKHASH, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account key 1 duplicates account key 0 (" + key(1) + ")");
        assertThatThrownBy(() -> new Message(MessageVersion.LEGACY, new MessageHeader(2, 0, 0), keys(1), BLOCKHASH,
                List.of()))
                .hasMessage("header needs 2 signers and 0 read-only unsigned accounts, but the message has 1 account keys");
        assertThatThrownBy(() -> new Message(MessageVersion.LEGACY, new MessageHeader(1, 0, 0), keys(2), BLOCKHASH,
                List.of(new CompiledInstruction(1, new byte[] {2}, new byte[0]))))
                .hasMessage("instruction 0: account index 2 (position 0) is out of range for 2 account keys");
        assertThatThrownBy(() -> new Message(MessageVersion.LEGACY, new MessageHeader(128, 0, 0), keys(128),
                BLOCKHASH, List.of()))
                .hasMessage("a legacy message can require at most 127 signatures, header says 128");
        assertThatThrownBy(() -> new Message(MessageVersion.V0, new MessageHeader(1, 0, 0), keys(257), BLOCKHASH,
                List.of()))
                .hasMessage("257 account keys, at most 256 can be addressed");
    }

    @Test
    void headerValidation() {
        assertThatThrownBy(() -> new MessageHeader(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one signer");
        assertThatThrownBy(() -> new MessageHeader(2, 2, 0)).hasMessageContaining("fee payer must be writable");
        assertThatThrownBy(() -> new MessageHeader(256, 0, 0)).hasMessageContaining("must be 0..255");
        assertThatThrownBy(() -> new MessageHeader(1, 0, -1)).hasMessageContaining("must be 0..255");
    }

    @Test
    void compiledInstructionCopiesAndComparesByContent() {
        byte[] indexes = {1, 2};
        byte[] data = {3};
        CompiledInstruction instruction = new CompiledInstruction(1, indexes, data);
        indexes[0] = 9;
        data[0] = 9;
        instruction.data()[0] = 9;
        instruction.accountIndexes()[0] = 9;
        assertThat(instruction).isEqualTo(new CompiledInstruction(1, new byte[] {1, 2}, new byte[] {3}));
        assertThat(instruction.hashCode())
                .isEqualTo(new CompiledInstruction(1, new byte[] {1, 2}, new byte[] {3}).hashCode());
        assertThat(instruction).isNotEqualTo(new CompiledInstruction(1, new byte[] {1, 2}, new byte[] {4}));
        assertThat(new CompiledInstruction(0, new byte[] {(byte) 200}, new byte[0]).accountIndex(0)).isEqualTo(200);
        assertThatThrownBy(() -> new CompiledInstruction(256, new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serializedBytesCannotBeChangedFromOutside() {
        Message message = new Message(MessageVersion.LEGACY, new MessageHeader(1, 0, 0), keys(1), BLOCKHASH, List.of());
        byte[] bytes = message.serialize();
        bytes[0] = 99;
        assertThat(message.serialize()[0]).isEqualTo((byte) 1);
    }
}
