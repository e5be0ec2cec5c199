package network.mira.sessions.program;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;

/**
 * A wallet's sessions: the addresses of those not yet pruned (live, revoked or just expired), and
 * the wallet's audit trail, the last {@link #MAX_EVENTS} events with a running sequence number so a
 * reader can page through them. One account per owner ({@link SessionProgram#ownerBook}), so a
 * wallet's sessions are listed with one read.
 *
 * <p>Encoding: u8 version (1), u32 count + 32-byte session addresses in key order, u64 sequence
 * number of the first event kept, u32 count + events ({@link SessionEvent}) oldest first.
 */
public record OwnerBook(List<PublicKey> sessions, long firstSequence, List<SessionEvent> events) {
    /** Sessions one wallet may hold at once; creating more is refused until some are pruned. */
    public static final int MAX_SESSIONS = 16;
    /** Events kept; older ones are dropped (the ledger keeps every transaction for good). */
    public static final int MAX_EVENTS = 64;
    private static final int VERSION = 1;

    public OwnerBook {
        sessions = List.copyOf(new TreeSet<>(sessions));
        events = List.copyOf(events);
        if (sessions.size() > MAX_SESSIONS || events.size() > MAX_EVENTS || firstSequence < 0) {
            throw new IllegalArgumentException("owner book over its bounds");
        }
    }

    static OwnerBook empty() {
        return new OwnerBook(List.of(), 0, List.of());
    }

    /** Sequence number the next event gets. */
    public long nextSequence() {
        return firstSequence + events.size();
    }

    OwnerBook withSession(PublicKey session) {
        List<PublicKey> next = new ArrayList<>(sessions);
        next.add(session);
        return new OwnerBook(next, firstSequence, events);
    }

    OwnerBook withoutSession(PublicKey session) {
        List<PublicKey> next = new ArrayList<>(sessions);
        next.remove(session);
        return new OwnerBook(next, firstSequence, events);
    }

    OwnerBook with(SessionEvent event) {
        List<SessionEvent> next = new ArrayList<>(events);
        next.add(event);
        long first = firstSequence;
        while (next.size() > MAX_EVENTS) {
            next.remove(0);
            first++;
        }
        return new OwnerBook(sessions, first, next);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(64 + events.size() * SessionEvent.ENCODED_LENGTH).u8(VERSION)
                .u32(sessions.size());
        sessions.forEach(session -> out.raw(session.bytes()));
        out.u64(firstSequence).u32(events.size());
        events.forEach(event -> event.write(out));
        return out.toByteArray();
    }

    public static OwnerBook decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int version = in.u8("owner book version");
        if (version != VERSION) {
            throw new DecodeException("owner book version " + version + " is not " + VERSION);
        }
        long sessionCount = in.u32("session count");
        if (sessionCount > MAX_SESSIONS) {
            throw new DecodeException("owner book lists " + sessionCount + " sessions, more than " + MAX_SESSIONS);
        }
        List<PublicKey> sessions = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            sessions.add(PublicKey.wrap(in.raw(PublicKey.LENGTH, "session")));
        }
        long first = in.u64("first sequence");
        long eventCount = in.u32("event count");
        if (eventCount > MAX_EVENTS) {
            throw new DecodeException("owner book holds " + eventCount + " events, more than " + MAX_EVENTS);
        }
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            events.add(SessionEvent.read(in));
        }
        in.expectEnd("owner book");
        try {
            return new OwnerBook(sessions, first, events);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }
}
