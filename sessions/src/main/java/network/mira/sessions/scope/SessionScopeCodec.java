package network.mira.sessions.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;

/**
 * The canonical binary form of a {@link SessionScope}: one encoding per scope, and decoding refuses
 * every other byte string, because the program stores these bytes and hashes may be taken of them.
 *
 * <pre>
 * u8  flags            bit 0 programs, 1 spend limit, 2 per-transaction limit, 3 max transactions,
 *                      4 recipients; bits 5-7 are zero
 * if programs:         u8 count (1..8), then per program, sorted by key with no duplicates:
 *                        32-byte program key
 *                        u8 discriminator count (0 = any instruction, else 1..16)
 *                        that many u8 discriminators, strictly ascending
 * if spend limit:      u64 lamports
 * if per-tx limit:     u64 lamports (not above the spend limit when both are present)
 * if max transactions: u64 count
 * if recipients:       u8 count (1..8), then 32-byte keys, strictly ascending
 * u64 fee allowance    lamports
 * </pre>
 *
 * Every u64 is little endian and at most 2^63 - 1 (the record holds Java longs).
 */
public final class SessionScopeCodec {
    static final int PROGRAMS = 1;
    static final int SPEND_LIMIT = 1 << 1;
    static final int PER_TRANSACTION_LIMIT = 1 << 2;
    static final int MAX_TRANSACTIONS = 1 << 3;
    static final int RECIPIENTS = 1 << 4;
    private static final int KNOWN_FLAGS =
            PROGRAMS | SPEND_LIMIT | PER_TRANSACTION_LIMIT | MAX_TRANSACTIONS | RECIPIENTS;

    /** The largest encoding: every field present, 8 programs with 16 discriminators, 8 recipients. */
    public static final int MAX_ENCODED_BYTES = 1
            + 1 + SessionScope.MAX_PROGRAMS * (PublicKey.LENGTH + 1 + ProgramScope.MAX_DISCRIMINATORS)
            + 3 * Long.BYTES
            + 1 + SessionScope.MAX_RECIPIENTS * PublicKey.LENGTH
            + Long.BYTES;

    private SessionScopeCodec() {}

    public static byte[] encode(SessionScope scope) {
        ByteWriter out = new ByteWriter(MAX_ENCODED_BYTES);
        write(out, scope);
        return out.toByteArray();
    }

    /** Appends the encoding, for structures that embed a scope. */
    public static void write(ByteWriter out, SessionScope scope) {
        out.u8(flags(scope));
        scope.programs().ifPresent(programs -> writePrograms(out, programs));
        scope.spendLimit().ifPresent(out::u64);
        scope.perTransactionLimit().ifPresent(out::u64);
        scope.maxTransactions().ifPresent(out::u64);
        scope.recipients().ifPresent(recipients -> {
            out.u8(recipients.size());
            recipients.forEach(key -> out.raw(key.bytes()));
        });
        out.u64(scope.feeAllowance());
    }

    /** Decodes exactly one scope; trailing bytes are refused. */
    public static SessionScope decode(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new DecodeException("session scope: " + bytes.length + " bytes, at most " + MAX_ENCODED_BYTES);
        }
        ByteReader in = new ByteReader(bytes);
        SessionScope scope = read(in);
        in.expectEnd("session scope");
        return scope;
    }

    /** Reads one scope from an embedding structure, leaving the reader after it. */
    public static SessionScope read(ByteReader in) throws DecodeException {
        int flags = in.u8("session scope flags");
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new DecodeException(String.format("session scope flags: unknown bits 0x%02x", flags & ~KNOWN_FLAGS));
        }
        Optional<List<ProgramScope>> programs =
                (flags & PROGRAMS) != 0 ? Optional.of(readPrograms(in)) : Optional.empty();
        OptionalLong spendLimit = readLimit(in, flags, SPEND_LIMIT, "spend limit");
        OptionalLong perTransactionLimit = readLimit(in, flags, PER_TRANSACTION_LIMIT, "per-transaction limit");
        OptionalLong maxTransactions = readLimit(in, flags, MAX_TRANSACTIONS, "max transactions");
        Optional<List<PublicKey>> recipients =
                (flags & RECIPIENTS) != 0 ? Optional.of(readRecipients(in)) : Optional.empty();
        long feeAllowance = readNonNegative(in, "fee allowance");
        if (spendLimit.isPresent() && perTransactionLimit.isPresent()
                && perTransactionLimit.getAsLong() > spendLimit.getAsLong()) {
            throw new DecodeException("session scope: per-transaction limit " + perTransactionLimit.getAsLong()
                    + " is above spend limit " + spendLimit.getAsLong());
        }
        return new SessionScope(programs, spendLimit, perTransactionLimit, maxTransactions, recipients, feeAllowance);
    }

    private static int flags(SessionScope scope) {
        return (scope.programs().isPresent() ? PROGRAMS : 0)
                | (scope.spendLimit().isPresent() ? SPEND_LIMIT : 0)
                | (scope.perTransactionLimit().isPresent() ? PER_TRANSACTION_LIMIT : 0)
                | (scope.maxTransactions().isPresent() ? MAX_TRANSACTIONS : 0)
                | (scope.recipients().isPresent() ? RECIPIENTS : 0);
    }

    private static void writePrograms(ByteWriter out, List<ProgramScope> programs) {
        out.u8(programs.size());
        for (ProgramScope program : programs) {
            out.raw(program.program().bytes());
            SortedSet<Integer> discriminators = program.discriminators().orElse(new TreeSet<>());
            out.u8(discriminators.size());
            discriminators.forEach(out::u8);
        }
    }

    private static List<ProgramScope> readPrograms(ByteReader in) throws DecodeException {
        int count = readCount(in, "programs", SessionScope.MAX_PROGRAMS);
        List<ProgramScope> programs = new ArrayList<>(count);
        PublicKey previous = null;
        for (int i = 0; i < count; i++) {
            String what = "programs[" + i + "]";
            PublicKey program = readKeyAfter(in, previous, what);
            programs.add(new ProgramScope(program, readDiscriminators(in, what)));
            previous = program;
        }
        return programs;
    }

    private static Optional<SortedSet<Integer>> readDiscriminators(ByteReader in, String what) throws DecodeException {
        int count = in.u8(what + " discriminator count");
        if (count > ProgramScope.MAX_DISCRIMINATORS) {
            throw new DecodeException(
                    what + ": " + count + " discriminators, at most " + ProgramScope.MAX_DISCRIMINATORS);
        }
        if (count == 0) {
            return Optional.empty();
        }
        SortedSet<Integer> discriminators = new TreeSet<>();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int discriminator = in.u8(what + " discriminator");
            if (discriminator <= previous) {
                throw new DecodeException(what + ": discriminator " + discriminator
                        + (discriminator == previous ? " is a duplicate" : " is not sorted after " + previous));
            }
            discriminators.add(discriminator);
            previous = discriminator;
        }
        return Optional.of(discriminators);
    }

    private static List<PublicKey> readRecipients(ByteReader in) throws DecodeException {
        int count = readCount(in, "recipients", SessionScope.MAX_RECIPIENTS);
        List<PublicKey> recipients = new ArrayList<>(count);
        PublicKey previous = null;
        for (int i = 0; i < count; i++) {
            PublicKey recipient = readKeyAfter(in, previous, "recipients[" + i + "]");
            recipients.add(recipient);
            previous = recipient;
        }
        return recipients;
    }

    /** A present list is never empty: absence has its own flag, so an empty list would be a second encoding. */
    private static int readCount(ByteReader in, String what, int max) throws DecodeException {
        int count = in.u8(what + " count");
        if (count < 1 || count > max) {
            throw new DecodeException(what + ": count " + count + ", must be 1 to " + max);
        }
        return count;
    }

    private static PublicKey readKeyAfter(ByteReader in, PublicKey previous, String what) throws DecodeException {
        PublicKey key = PublicKey.wrap(in.raw(PublicKey.LENGTH, what));
        if (previous != null && previous.compareTo(key) >= 0) {
            throw new DecodeException(what + ": " + key
                    + (previous.equals(key) ? " is a duplicate" : " is not sorted after " + previous));
        }
        return key;
    }

    private static OptionalLong readLimit(ByteReader in, int flags, int flag, String what) throws DecodeException {
        return (flags & flag) != 0 ? OptionalLong.of(readNonNegative(in, what)) : OptionalLong.empty();
    }

    private static long readNonNegative(ByteReader in, String what) throws DecodeException {
        long value = in.u64(what);
        if (value < 0) {
            throw new DecodeException(what + ": " + Long.toUnsignedString(value) + " is above 2^63 - 1");
        }
        return value;
    }
}
