package network.mira.rpc.service;

import java.util.ArrayList;
import java.util.List;
import network.mira.sessions.program.OwnerBook;
import network.mira.sessions.program.SessionEvent;

/**
 * One page of a wallet's audit trail, cut from its book: the events from sequence {@code from} on, at
 * most {@code limit}. A book keeps only its last {@link OwnerBook#MAX_EVENTS} events; when some of those
 * asked for are gone the page starts at the oldest kept and {@code dropped} says how many are missing.
 *
 * @param nextFrom where the next page starts: the sequence after the last event of this one
 */
record SessionHistoryPage(List<Numbered> events, long firstSequence, long nextSequence, long dropped,
                          boolean hasMore, long nextFrom) {
    /** An event with its sequence number in the wallet's trail. */
    record Numbered(long sequence, SessionEvent event) {}

    SessionHistoryPage {
        events = List.copyOf(events);
    }

    /** @throws IllegalArgumentException if {@code from} is beyond the next sequence or {@code limit} is not 1..64 */
    static SessionHistoryPage of(OwnerBook book, long from, int limit) {
        long first = book.firstSequence();
        long next = book.nextSequence();
        if (from < 0 || from > next) {
            throw new IllegalArgumentException("from " + from + " is beyond the next sequence " + next);
        }
        if (limit < 1 || limit > OwnerBook.MAX_EVENTS) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + OwnerBook.MAX_EVENTS);
        }
        long start = Math.max(from, first);
        int offset = (int) (start - first);
        int end = Math.min(book.events().size(), offset + limit);
        List<Numbered> page = new ArrayList<>(end - offset);
        for (int i = offset; i < end; i++) {
            page.add(new Numbered(first + i, book.events().get(i)));
        }
        long nextFrom = start + page.size();
        return new SessionHistoryPage(page, first, next, start - from, nextFrom < next, nextFrom);
    }
}
