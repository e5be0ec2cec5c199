package network.mira.sessions.program;

import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * One line of a wallet's session audit trail. {@code transaction}, {@code program} and {@code
 * lamports} are those of a use (zero / the zero key otherwise); {@code lamports} of a sponsored fee
 * is the amount reimbursed.
 */
public record SessionEvent(Kind kind, PublicKey session, long height, Signature transaction, PublicKey program,
                           long lamports) {
    public enum Kind { CREATED, USED, FEE_SPONSORED, REVOKED, EXPIRED }

    static final PublicKey NO_PROGRAM = PublicKey.wrap(new byte[PublicKey.LENGTH]);
    static final int ENCODED_LENGTH = 1 + PublicKey.LENGTH + 8 + Signature.LENGTH + PublicKey.LENGTH + 8;

    public SessionEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(program, "program");
    }

    static SessionEvent of(Kind kind, PublicKey session, long height, Signature transaction) {
        return new SessionEvent(kind, session, height, transaction, NO_PROGRAM, 0);
    }

    void write(ByteWriter out) {
        out.u8(kind.ordinal()).raw(session.bytes()).u64(height).raw(transaction.bytes()).raw(program.bytes())
                .u64(lamports);
    }

    static SessionEvent read(ByteReader in) throws DecodeException {
        int kind = in.u8("event kind");
        if (kind >= Kind.values().length) {
            throw new DecodeException("event kind " + kind + " is unknown");
        }
        return new SessionEvent(Kind.values()[kind], PublicKey.wrap(in.raw(PublicKey.LENGTH, "session")),
                in.u64("height"), Signature.wrap(in.raw(Signature.LENGTH, "transaction")),
                PublicKey.wrap(in.raw(PublicKey.LENGTH, "program")), in.u64("lamports"));
    }
}
