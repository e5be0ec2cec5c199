package network.mira.sessions.scope;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import network.mira.core.crypto.PublicKey;

/**
 * What a session key may do for its owner. Every field that is empty means "not limited"; a
 * present limit of 0 means nothing may be spent (or no transaction made). The value is canonical:
 * lists are sorted and free of duplicates, so one scope has one text and one binary encoding.
 *
 * <p>This record only describes the scope; the sessions program and the runtime enforce it.
 *
 * @param programs            the programs the session may call, sorted by program key (byte order),
 *                            1 to {@value #MAX_PROGRAMS} distinct; empty = any program
 * @param spendLimit          lamports that may leave the owner over the whole session
 * @param perTransactionLimit lamports that may leave the owner in one transaction; not above
 *                            {@code spendLimit} when both are set
 * @param maxTransactions     how many transactions the session may make
 * @param recipients          the accounts lamports may go to, sorted by key (byte order),
 *                            1 to {@value #MAX_RECIPIENTS} distinct; empty = any recipient
 * @param feeAllowance        lamports of transaction fees the owner pays for the session; 0 = none
 */
public record SessionScope(Optional<List<ProgramScope>> programs,
                           OptionalLong spendLimit,
                           OptionalLong perTransactionLimit,
                           OptionalLong maxTransactions,
                           Optional<List<PublicKey>> recipients,
                           long feeAllowance) {
    public static final int MAX_PROGRAMS = 8;
    public static final int MAX_RECIPIENTS = 8;

    /** @throws IllegalArgumentException naming the first field that breaks a rule above */
    public SessionScope {
        requireNonNull(programs, "programs");
        requireNonNull(spendLimit, "spendLimit");
        requireNonNull(perTransactionLimit, "perTransactionLimit");
        requireNonNull(maxTransactions, "maxTransactions");
        requireNonNull(recipients, "recipients");
        programs = programs.map(list -> sortedDistinct(list, "programs", MAX_PROGRAMS, ProgramScope::program));
        requireNonNegative(spendLimit, "spendLimit");
        requireNonNegative(perTransactionLimit, "perTransactionLimit");
        requireNonNegative(maxTransactions, "maxTransactions");
        if (spendLimit.isPresent() && perTransactionLimit.isPresent()
                && perTransactionLimit.getAsLong() > spendLimit.getAsLong()) {
            throw new IllegalArgumentException("perTransactionLimit " + perTransactionLimit.getAsLong()
                    + " is above spendLimit " + spendLimit.getAsLong());
        }
        recipients = recipients.map(list -> sortedDistinct(list, "recipients", MAX_RECIPIENTS, key -> key));
        if (feeAllowance < 0) {
            throw new IllegalArgumentException("feeAllowance must not be negative, got " + feeAllowance);
        }
    }

    private static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null (use an empty Optional for no limit)");
        }
    }

    private static void requireNonNegative(OptionalLong value, String field) {
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value.getAsLong());
        }
    }

    /**
     * Refuses rather than sorts: a scope is shown to the user and signed as it is, so an unsorted
     * list is a caller's bug, not something to repair silently.
     */
    private static <T> List<T> sortedDistinct(List<T> list, String field, int max, Function<T, PublicKey> key) {
        if (list.isEmpty() || list.size() > max) {
            throw new IllegalArgumentException(field + " must have 1 to " + max + " entries, got " + list.size()
                    + (list.isEmpty() ? " (use an empty Optional for any)" : ""));
        }
        PublicKey previous = null;
        for (int i = 0; i < list.size(); i++) {
            T entry = list.get(i);
            if (entry == null) {
                throw new IllegalArgumentException(field + "[" + i + "] must not be null");
            }
            PublicKey current = key.apply(entry);
            if (previous != null && previous.compareTo(current) >= 0) {
                throw new IllegalArgumentException(field + "[" + i + "] " + current
                        + (previous.equals(current) ? " is a duplicate" : " is not sorted after " + previous));
            }
            previous = current;
        }
        return List.copyOf(list);
    }
}
