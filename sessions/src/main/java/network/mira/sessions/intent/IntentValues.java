package network.mira.sessions.intent;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;

/**
 * The syntax of each value of the intent text, both ways. Every value has exactly one written
 * form, so parsing refuses anything {@code format*} would not have produced.
 */
final class IntentValues {
    static final String ANY = "any";
    static final String NONE = "none";

    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern TIMESTAMP =
            Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z");
    private static final int QUOTE_MAX_CHARS = 60;

    private IntentValues() {}

    static String formatExpiresAt(long expiresAtMs) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(expiresAtMs / 1000, 0, ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
    }

    static long parseExpiresAt(String value) throws BadValue {
        Matcher matcher = TIMESTAMP.matcher(value);
        if (!matcher.matches()) {
            throw new BadValue(quote(value) + " is not a UTC time written like 2026-11-26T14:10:00Z");
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.of(group(matcher, 1), group(matcher, 2), group(matcher, 3),
                    group(matcher, 4), group(matcher, 5), group(matcher, 6));
        } catch (DateTimeException invalid) {
            throw new BadValue(quote(value) + " is not a valid date and time");
        }
        long seconds = time.toEpochSecond(ZoneOffset.UTC);
        if (seconds < 0) {
            throw new BadValue(quote(value) + " is before 1970-01-01T00:00:00Z");
        }
        return seconds * 1000;
    }

    static String formatNumber(long value) {
        return Long.toString(value);
    }

    /** A decimal number from 0 to 2^63 - 1 without sign or leading zeros. */
    static long parseNumber(String value) throws BadValue {
        if (!NUMBER.matcher(value).matches()) {
            throw new BadValue(quote(value) + " is not a decimal number without sign or leading zeros");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            throw new BadValue(quote(value) + " is above " + Long.MAX_VALUE);
        }
    }

    static String formatLimit(OptionalLong limit) {
        return limit.isPresent() ? formatNumber(limit.getAsLong()) : NONE;
    }

    static OptionalLong parseLimit(String value) throws BadValue {
        if (value.equals(NONE)) {
            return OptionalLong.empty();
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new BadValue(quote(value) + " is neither 'none' nor a decimal number without sign or leading zeros");
        }
        return OptionalLong.of(parseNumber(value));
    }

    static String formatKey(PublicKey key) {
        return key.toBase58();
    }

    static PublicKey parseKey(String value) throws BadValue {
        PublicKey key;
        try {
            key = PublicKey.fromBase58(value);
        } catch (IllegalArgumentException notAKey) {
            throw new BadValue(quote(value) + " is not a base58 public key of 32 bytes");
        }
        if (!key.toBase58().equals(value)) {
            throw new BadValue(quote(value) + " is not the canonical base58 form of its key");
        }
        return key;
    }

    static String formatPrograms(Optional<List<ProgramScope>> programs) {
        if (programs.isEmpty()) {
            return ANY;
        }
        StringJoiner out = new StringJoiner(",");
        for (ProgramScope program : programs.get()) {
            String discriminators = program.discriminators()
                    .map(set -> ":" + String.join("+", set.stream().map(String::valueOf).toList()))
                    .orElse("");
            out.add(formatKey(program.program()) + discriminators);
        }
        return out.toString();
    }

    static Optional<List<ProgramScope>> parsePrograms(String value) throws BadValue {
        if (value.equals(ANY)) {
            return Optional.empty();
        }
        String[] entries = splitList(value, SessionScope.MAX_PROGRAMS);
        List<ProgramScope> programs = new ArrayList<>(entries.length);
        PublicKey previous = null;
        for (int i = 0; i < entries.length; i++) {
            int colon = entries[i].indexOf(':');
            String keyText = colon < 0 ? entries[i] : entries[i].substring(0, colon);
            PublicKey program = parseKeyAfter(keyText, previous, "program");
            Optional<SortedSet<Integer>> discriminators = colon < 0
                    ? Optional.empty()
                    : Optional.of(parseDiscriminators(entries[i].substring(colon + 1), program));
            programs.add(new ProgramScope(program, discriminators));
            previous = program;
        }
        return Optional.of(programs);
    }

    static String formatRecipients(Optional<List<PublicKey>> recipients) {
        if (recipients.isEmpty()) {
            return ANY;
        }
        return String.join(",", recipients.get().stream().map(IntentValues::formatKey).toList());
    }

    static Optional<List<PublicKey>> parseRecipients(String value) throws BadValue {
        if (value.equals(ANY)) {
            return Optional.empty();
        }
        String[] entries = splitList(value, SessionScope.MAX_RECIPIENTS);
        List<PublicKey> recipients = new ArrayList<>(entries.length);
        PublicKey previous = null;
        for (String entry : entries) {
            PublicKey recipient = parseKeyAfter(entry, previous, "recipient");
            recipients.add(recipient);
            previous = recipient;
        }
        return Optional.of(recipients);
    }

    private static String[] splitList(String value, int max) throws BadValue {
        String[] entries = value.split(",", -1);
        for (String entry : entries) {
            if (entry.isEmpty()) {
                throw new BadValue("empty entry in " + quote(value) + " (entries are separated by single commas)");
            }
        }
        if (entries.length > max) {
            throw new BadValue(entries.length + " entries, at most " + max);
        }
        return entries;
    }

    /** Lists are sorted by the keys' bytes, the order of {@link PublicKey#compareTo}. */
    private static PublicKey parseKeyAfter(String text, PublicKey previous, String what) throws BadValue {
        PublicKey key = parseKey(text);
        if (previous != null && previous.equals(key)) {
            throw new BadValue(what + " " + key + " is listed twice");
        }
        if (previous != null && previous.compareTo(key) > 0) {
            throw new BadValue(what + " " + key + " must come before " + previous + " (sorted by key bytes)");
        }
        return key;
    }

    private static SortedSet<Integer> parseDiscriminators(String value, PublicKey program) throws BadValue {
        String[] entries = value.split("\\+", -1);
        if (entries.length > ProgramScope.MAX_DISCRIMINATORS) {
            throw new BadValue("program " + program + " has " + entries.length + " discriminators, at most "
                    + ProgramScope.MAX_DISCRIMINATORS);
        }
        SortedSet<Integer> discriminators = new TreeSet<>();
        int previous = -1;
        for (String entry : entries) {
            int discriminator = parseDiscriminator(entry, program);
            if (discriminator == previous) {
                throw new BadValue("program " + program + " lists discriminator " + discriminator + " twice");
            }
            if (discriminator < previous) {
                throw new BadValue("program " + program + ": discriminator " + discriminator + " must come before "
                        + previous + " (ascending order)");
            }
            discriminators.add(discriminator);
            previous = discriminator;
        }
        return discriminators;
    }

    private static int parseDiscriminator(String entry, PublicKey program) throws BadValue {
        // At most three digits before parsing, so a long run of digits cannot overflow.
        if (!NUMBER.matcher(entry).matches() || entry.length() > 3
                || Integer.parseInt(entry) > ProgramScope.MAX_DISCRIMINATOR) {
            throw new BadValue("program " + program + ": discriminator " + quote(entry)
                    + " is not a number from 0 to 255 without leading zeros");
        }
        return Integer.parseInt(entry);
    }

    private static int group(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }

    /** Values can be up to a whole line long; a message shows enough to find the spot. */
    static String quote(String value) {
        return value.length() <= QUOTE_MAX_CHARS
                ? "'" + value + "'"
                : "'" + value.substring(0, QUOTE_MAX_CHARS) + "...'";
    }
}
