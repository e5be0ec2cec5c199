package network.mira.rpc.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.program.OwnerBook;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.program.SessionRecord;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.svm.AccountReader;

/**
 * The session program's accounts in finalized state, decoded. Each method is one {@link FinalizedRead}:
 * a wallet's book, the sessions it lists and the head's block time all belong to one height. An account
 * the program wrote that does not decode, or a session the book lists that is missing, is a corrupt data
 * dir or a bug, never an answer: {@link LedgerException}.
 */
final class LedgerSessions {
    /** What one call read, at the finalized {@code height} whose block time is {@code headTimeMs}. */
    record Read<T>(T value, long height, long headTimeMs) {}

    /** A session account: its address and its data. */
    record Stored(PublicKey address, SessionRecord record) {}

    /** A wallet's book (empty if it never had a session) and the sessions it lists, in address order. */
    record Wallet(OwnerBook book, List<Stored> sessions) {}

    private record Timed<T>(T value, long headTimeMs) {}

    /** A wallet as read, with the sessions its book lists that were not found. */
    private record Listed(Wallet wallet, List<PublicKey> missing) {}

    private final Ledger ledger;

    LedgerSessions(Ledger ledger) {
        this.ledger = ledger;
    }

    Read<Wallet> wallet(PublicKey owner) {
        Read<Listed> read = read(() -> {
            OwnerBook book = book(ledger, owner);
            List<Stored> sessions = new ArrayList<>(book.sessions().size());
            List<PublicKey> missing = new ArrayList<>();
            for (PublicKey address : book.sessions()) {
                SessionAccounts.read(ledger, address).ifPresentOrElse(
                        record -> sessions.add(new Stored(address, record)), () -> missing.add(address));
            }
            return new Listed(new Wallet(book, List.copyOf(sessions)), missing);
        });
        // A block committed between two reads (pruning the session after the book was read) makes the
        // read retry; only a listing that stays wrong at one height is a corrupt state.
        if (!read.value().missing().isEmpty()) {
            throw new LedgerException("the session book of " + owner + " lists " + read.value().missing()
                    + ", which are not session accounts at height " + read.height());
        }
        return new Read<>(read.value().wallet(), read.height(), read.headTimeMs());
    }

    Read<Optional<SessionRecord>> session(PublicKey address) {
        return read(() -> SessionAccounts.read(ledger, address));
    }

    Read<OwnerBook> book(PublicKey owner) {
        return read(() -> book(ledger, owner));
    }

    private <T> Read<T> read(Supplier<T> reader) {
        FinalizedRead<Timed<T>> read = FinalizedRead.of(ledger,
                () -> new Timed<>(reader.get(), ledger.headHeader().timestampMs()));
        return new Read<>(read.value().value(), read.height(), read.value().headTimeMs());
    }

    private static OwnerBook book(AccountReader state, PublicKey owner) {
        PublicKey address = SessionProgram.ownerBook(owner);
        // Only the program writes its books; lamports someone sent to the address make no book.
        Optional<Account> account = state.get(address).filter(found -> found.owner().equals(SessionProgram.ID));
        if (account.isEmpty()) {
            return new OwnerBook(List.of(), 0, List.of());
        }
        try {
            return OwnerBook.decode(account.get().data());
        } catch (DecodeException e) {
            throw new LedgerException("the session book of " + owner + " at " + address + " does not decode: "
                    + e.getMessage(), e);
        }
    }
}
