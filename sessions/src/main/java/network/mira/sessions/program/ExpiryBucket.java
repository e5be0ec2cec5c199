package network.mira.sessions.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;

/**
 * The sessions that expire within one minute ({@link #BUCKET_MS}), so a block prunes expired
 * sessions by reading the minutes that ended instead of searching. One account per minute
 * ({@link SessionProgram#expiryBucket}): creations serialize only with others expiring in the same
 * minute.
 *
 * <p>Encoding: u8 version (1), u32 count, then per entry session address and owner (32 each), in
 * session order.
 */
public record ExpiryBucket(List<Entry> entries) {
    public static final long BUCKET_MS = 60_000;
    /** Sessions that may expire in one minute, chain-wide. */
    public static final int MAX_ENTRIES = 1_024;
    private static final int VERSION = 1;

    public record Entry(PublicKey session, PublicKey owner) implements Comparable<Entry> {
        public Entry {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public int compareTo(Entry other) {
            return session.compareTo(other.session);
        }
    }

    public ExpiryBucket {
        entries = List.copyOf(new TreeSet<>(entries));
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("expiry bucket over " + MAX_ENTRIES + " entries");
        }
    }

    public static long bucketOf(long timestampMs) {
        return Math.floorDiv(timestampMs, BUCKET_MS);
    }

    static ExpiryBucket empty() {
        return new ExpiryBucket(List.of());
    }

    boolean isFull() {
        return entries.size() >= MAX_ENTRIES;
    }

    ExpiryBucket with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        return new ExpiryBucket(next);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(8 + entries.size() * 64).u8(VERSION).u32(entries.size());
        for (Entry entry : entries) {
            out.raw(entry.session().bytes()).raw(entry.owner().bytes());
        }
        return out.toByteArray();
    }

    public static ExpiryBucket decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int version = in.u8("expiry bucket version");
        if (version != VERSION) {
            throw new DecodeException("expiry bucket version " + version + " is not " + VERSION);
        }
        long count = in.u32("entry count");
        if (count > MAX_ENTRIES) {
            throw new DecodeException("expiry bucket holds " + count + " entries, more than " + MAX_ENTRIES);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(PublicKey.wrap(in.raw(PublicKey.LENGTH, "session")),
                    PublicKey.wrap(in.raw(PublicKey.LENGTH, "owner"))));
        }
        in.expectEnd("expiry bucket");
        return new ExpiryBucket(entries);
    }
}
