package network.mira.sessions.scope;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import network.mira.core.crypto.PublicKey;

/**
 * One program a session may call, optionally narrowed to some of its instructions.
 *
 * <p>A discriminator is the first byte of an instruction's data ({@code data[0]}, 0 to 255). An
 * empty {@code discriminators} lets the session call any instruction of the program; a present set
 * (1 to {@value #MAX_DISCRIMINATORS} values) lets it call only instructions whose first data byte
 * is in the set, so an instruction with empty data matches no set. For the System program the
 * first byte is the low byte of its 4-byte instruction index (2 = Transfer).
 *
 * @param program        the program id
 * @param discriminators the allowed first data bytes, or empty for any instruction
 */
public record ProgramScope(PublicKey program, Optional<SortedSet<Integer>> discriminators) {
    public static final int MAX_DISCRIMINATORS = 16;
    public static final int MAX_DISCRIMINATOR = 0xFF;

    /** @throws IllegalArgumentException naming the field that is null, empty, too large or out of range */
    public ProgramScope {
        if (program == null) {
            throw new IllegalArgumentException("program must not be null");
        }
        if (discriminators == null) {
            throw new IllegalArgumentException("discriminators must not be null (use Optional.empty() for any)");
        }
        discriminators = discriminators.map(ProgramScope::checkedCopy);
    }

    /** A copy in natural order whatever the caller's comparator, so equal sets are equal scopes. */
    private static SortedSet<Integer> checkedCopy(SortedSet<Integer> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("discriminators must not be empty (use Optional.empty() for any)");
        }
        if (given.size() > MAX_DISCRIMINATORS) {
            throw new IllegalArgumentException(
                    "discriminators has " + given.size() + " entries, at most " + MAX_DISCRIMINATORS);
        }
        TreeSet<Integer> copy = new TreeSet<>();
        for (Integer discriminator : given) {
            if (discriminator == null || discriminator < 0 || discriminator > MAX_DISCRIMINATOR) {
                throw new IllegalArgumentException(
                        "discriminators must be 0.." + MAX_DISCRIMINATOR + ", got " + discriminator);
            }
            copy.add(discriminator);
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
