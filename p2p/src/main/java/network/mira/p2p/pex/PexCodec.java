package network.mira.p2p.pex;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.proto.PeerAddress;
import network.mira.p2p.proto.PexAddresses;

/** Encodes and strictly decodes the peer-exchange message (channel 0). */
public final class PexCodec {
    public static final int MAX_ADDRESSES = 32;
    public static final int MAX_HOST_CHARS = 253;

    private PexCodec() {}

    public static byte[] encode(List<AddressBook.Entry> entries) {
        if (entries.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses, got " + entries.size());
        }
        PexAddresses.Builder message = PexAddresses.newBuilder();
        for (AddressBook.Entry entry : entries) {
            message.addAddresses(PeerAddress.newBuilder().setId(ByteString.copyFrom(entry.id().bytes()))
                    .setHost(entry.host()).setPort(entry.port()));
        }
        return message.build().toByteArray();
    }

    /**
     * @return the valid entries; entries with a bad id, host or port are skipped
     * @throws InvalidProtocolBufferException if the bytes are not a PexAddresses or hold too many entries
     */
    public static List<AddressBook.Entry> decode(byte[] payload) throws InvalidProtocolBufferException {
        PexAddresses message = PexAddresses.parseFrom(payload);
        if (message.getAddressesCount() > MAX_ADDRESSES) {
            throw new InvalidProtocolBufferException(message.getAddressesCount() + " addresses, at most "
                    + MAX_ADDRESSES + " allowed");
        }
        List<AddressBook.Entry> out = new ArrayList<>();
        for (PeerAddress address : message.getAddressesList()) {
            boolean valid = address.getId().size() == PublicKey.LENGTH && !address.getHost().isBlank()
                    && address.getHost().length() <= MAX_HOST_CHARS && address.getPort() > 0
                    && address.getPort() <= 65535;
            if (valid) {
                out.add(new AddressBook.Entry(PublicKey.wrap(address.getId().toByteArray()), address.getHost(),
                        address.getPort()));
            }
        }
        return out;
    }
}
