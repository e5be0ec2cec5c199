package network.mira.p2p.pex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Collections;
import java.util.List;
import network.mira.p2p.NodeIdentity;
import network.mira.p2p.proto.PeerAddress;
import network.mira.p2p.proto.PexAddresses;
import org.junit.jupiter.api.Test;

class PexCodecTest {
    @Test
    void roundTripsAndSkipsInvalidEntries() throws Exception {
        AddressBook.Entry good = new AddressBook.Entry(NodeIdentity.generate().publicKey(), "127.0.0.1", 26656);
        byte[] bytes = PexAddresses.newBuilder(PexAddresses.parseFrom(PexCodec.encode(List.of(good))))
                .addAddresses(PeerAddress.newBuilder().setId(ByteString.copyFrom(new byte[5])).setHost("h").setPort(1))
                .addAddresses(PeerAddress.newBuilder().setId(ByteString.copyFrom(new byte[32])).setHost("h").setPort(0))
                .addAddresses(PeerAddress.newBuilder().setId(ByteString.copyFrom(new byte[32])).setHost("").setPort(1))
                .build().toByteArray();
        assertThat(PexCodec.decode(bytes)).containsExactly(good);
    }

    @Test
    void refusesTooManyEntriesAndGarbage() {
        PeerAddress address = PeerAddress.newBuilder().setId(ByteString.copyFrom(new byte[32])).setHost("h").setPort(1)
                .build();
        byte[] tooMany = PexAddresses.newBuilder()
                .addAllAddresses(Collections.nCopies(PexCodec.MAX_ADDRESSES + 1, address)).build().toByteArray();
        assertThatThrownBy(() -> PexCodec.decode(tooMany)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> PexCodec.decode(new byte[] {-1, -1, -1})).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void addressBookIsBoundedAndNeverHoldsSelf() {
        NodeIdentity self = NodeIdentity.generate();
        AddressBook book = new AddressBook(self.publicKey());
        book.add(new AddressBook.Entry(self.publicKey(), "h", 1));
        for (int i = 0; i < AddressBook.CAPACITY + 10; i++) {
            book.add(new AddressBook.Entry(NodeIdentity.generate().publicKey(), "h", 1));
        }
        assertThat(book.size()).isEqualTo(AddressBook.CAPACITY);
        assertThat(book.candidates(id -> false, 5)).hasSize(5).noneMatch(e -> e.id().equals(self.publicKey()));
    }
}
