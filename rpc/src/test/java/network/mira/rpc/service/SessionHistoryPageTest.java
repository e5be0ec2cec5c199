package network.mira.rpc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.sessions.program.OwnerBook;
import network.mira.sessions.program.SessionEvent;
import org.junit.jupiter.api.Test;

/** Paging a wallet's trail by sequence, with the events a full book no longer keeps. */
class SessionHistoryPageTest {
    private static final PublicKey SESSION = PublicKey.wrap(new byte[32]);

    /** A book whose events are sequences first..first+count-1, each at the height of its sequence. */
    private static OwnerBook book(long first, int count) {
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new SessionEvent(SessionEvent.Kind.USED, SESSION, first + i, Signature.wrap(new byte[64]),
                    SESSION, 1));
        }
        return new OwnerBook(List.of(), first, events);
    }

    private static List<Long> sequences(SessionHistoryPage page) {
        return page.events().stream().map(SessionHistoryPage.Numbered::sequence).toList();
    }

    @Test
    void pagesFollowEachOtherUntilTheNextSequence() {
        OwnerBook book = book(0, 5);
        SessionHistoryPage first = SessionHistoryPage.of(book, 0, 2);
        assertThat(sequences(first)).containsExactly(0L, 1L);
        assertThat(first.hasMore()).isTrue();
        SessionHistoryPage last = SessionHistoryPage.of(book, 4, 2);
        assertThat(sequences(last)).containsExactly(4L);
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextFrom()).isEqualTo(5);
        assertThat(SessionHistoryPage.of(book, 5, 64).events()).isEmpty();
        assertThat(first.events().get(1).event().height()).isEqualTo(1);
    }

    @Test
    void askingForDroppedEventsStartsAtTheOldestKeptAndSaysHowManyAreGone() {
        OwnerBook book = book(100, 64);
        SessionHistoryPage page = SessionHistoryPage.of(book, 98, 3);
        assertThat(page.dropped()).isEqualTo(2);
        assertThat(sequences(page)).containsExactly(100L, 101L, 102L);
        assertThat(page.firstSequence()).isEqualTo(100);
        assertThat(page.nextSequence()).isEqualTo(164);
        assertThat(SessionHistoryPage.of(book, 100, 3).dropped()).isZero();
        assertThat(SessionHistoryPage.of(book, 0, 64).dropped()).isEqualTo(100);
    }

    @Test
    void aStartBeyondTheNextSequenceOrALimitOutsideTheBookIsRefused() {
        OwnerBook book = book(0, 3);
        assertThatThrownBy(() -> SessionHistoryPage.of(book, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionHistoryPage.of(book, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionHistoryPage.of(book, 0, 65)).isInstanceOf(IllegalArgumentException.class);
    }
}
