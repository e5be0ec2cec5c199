package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;

/**
 * A list of (request account, height) in the order added: the program's queues. Pending draws hold the
 * requests of the current block (height = request height); deadline buckets and the recent results hold
 * the height they resolve or resolved at. Encoded as u32 count ‖ (account 32 ‖ u64 height)*.
 */
public record AddressList(List<Entry> entries) {
    public record Entry(PublicKey request, long height) {}

    public AddressList {
        entries = List.copyOf(entries);
    }

    public static AddressList empty() {
        return new AddressList(List.of());
    }

    public AddressList with(PublicKey request, long height) {
        List<Entry> added = new ArrayList<>(entries);
        added.add(new Entry(request, height));
        return new AddressList(added);
    }

    /** The last {@code limit} entries after adding these: a ring that forgets the oldest. */
    public AddressList withAllKeepingLast(List<Entry> more, int limit) {
        List<Entry> added = new ArrayList<>(entries);
        added.addAll(more);
        return new AddressList(added.subList(Math.max(0, added.size() - limit), added.size()));
    }

    public long countAt(long height) {
        return entries.stream().filter(entry -> entry.height() == height).count();
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(4 + entries.size() * 40).u32(entries.size());
        entries.forEach(entry -> out.raw(entry.request().bytes()).u64(entry.height()));
        return out.toByteArray();
    }

    /** An account without data is an empty list. */
    public static AddressList decode(byte[] bytes) throws DecodeException {
        if (bytes.length == 0) {
            return empty();
        }
        ByteReader in = new ByteReader(bytes);
        long count = in.u32("entry count");
        if (count > bytes.length / 40) {
            throw new DecodeException("entry count " + count + " exceeds the bytes present");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(PublicKey.wrap(in.raw(PublicKey.LENGTH, "request " + i)), in.u64("height " + i)));
        }
        in.expectEnd("address list");
        return new AddressList(entries);
    }
}
