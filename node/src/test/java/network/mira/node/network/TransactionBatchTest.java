package network.mira.node.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.tx.Transaction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TransactionBatchTest {
    @Test
    void roundTripsABatch() throws Exception {
        List<byte[]> transactions = List.of(new byte[] {1}, new byte[] {2, 3}, new byte[Transaction.MAX_SIZE]);
        List<byte[]> back = TransactionGossip.decodeBatch(TransactionGossip.encodeBatch(transactions));
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i)).isEqualTo(transactions.get(i));
        }
    }

    @Test
    void refusesEmptyOversizeAndOverlongBatches() {
        assertThatThrownBy(() -> TransactionGossip.decodeBatch(new ByteWriter().u32(0).toByteArray()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("1 to 256");
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i <= TransactionGossip.MAX_BATCH; i++) {
            many.add(new byte[] {1});
        }
        assertThatThrownBy(() -> TransactionGossip.decodeBatch(TransactionGossip.encodeBatch(many)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("got 257");
        byte[] big = new ByteWriter().u32(1).bytes(new byte[Transaction.MAX_SIZE + 1]).toByteArray();
        assertThatThrownBy(() -> TransactionGossip.decodeBatch(big)).isInstanceOf(DecodeException.class);
        byte[] padded = Arrays.copyOf(TransactionGossip.encodeBatch(List.of(new byte[] {1})), 10);
        assertThatThrownBy(() -> TransactionGossip.decodeBatch(padded)).isInstanceOf(DecodeException.class);
    }

    /** Whatever a peer sends, decoding either yields a batch or a DecodeException; nothing else escapes. */
    @Property(tries = 2000)
    void arbitraryBytesNeverEscapeAsAnotherException(@ForAll byte[] payload) {
        try {
            List<byte[]> batch = TransactionGossip.decodeBatch(payload);
            assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(TransactionGossip.MAX_BATCH);
        } catch (DecodeException expected) {
            // refused precisely
        }
    }
}
