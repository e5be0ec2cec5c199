package network.mira.rpc.service;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.program.SessionRecord;
import network.mira.svm.AccountReader;

/**
 * Which accounts are sessions. The session program also owns wallets' books, expiry buckets and a
 * cursor, so an account is a session only if the program owns it, its data decodes as a
 * {@link SessionRecord} and it sits at the address that record's owner and nonce derive.
 */
public final class SessionAccounts {
    private SessionAccounts() {}

    /** The session at {@code address} in {@code state}, if there is one. */
    public static Optional<SessionRecord> read(AccountReader state, PublicKey address) {
        return state.get(address).flatMap(account -> decode(address, account));
    }

    /** {@code account}, stored at {@code address}, as a session, if it is one. */
    public static Optional<SessionRecord> decode(PublicKey address, Account account) {
        if (!account.owner().equals(SessionProgram.ID) || account.dataLength() == 0) {
            return Optional.empty();
        }
        SessionRecord record;
        try {
            record = SessionRecord.decode(account.data());
        } catch (DecodeException notASession) {
            return Optional.empty();
        }
        return SessionProgram.sessionAddress(record.owner(), record.nonce()).equals(address) ? Optional.of(record)
                : Optional.empty();
    }
}
