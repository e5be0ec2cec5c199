package network.mira.node.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.sessions.intent.SessionIntent;
import network.mira.sessions.scope.ProgramScope;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Argument types of the commands; a bad value is a usage error (exit code 2) that says why. */
final class Converters {
    private Converters() {}

    static final class Address implements ITypeConverter<PublicKey> {
        @Override
        public PublicKey convert(String value) {
            try {
                return PublicKey.fromBase58(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a base58 address: " + e.getMessage());
            }
        }
    }

    /**
     * A public key given as a base58 address or as a keypair file, of which only the public key is
     * used. As in Solana's CLI, a value that decodes as an address is an address; anything else must
     * name a readable keypair file. Resolved while parsing, so a bad value stops the command before
     * it reads other files or reaches the node.
     */
    static final class KeyOrAddress implements ITypeConverter<PublicKey> {
        @Override
        public PublicKey convert(String value) {
            String trimmed = value.trim();
            try {
                return PublicKey.fromBase58(trimmed);
            } catch (IllegalArgumentException notAnAddress) {
                if (!isExistingFile(value)) {
                    throw new TypeConversionException("'" + value + "' is neither a base58 address ("
                            + notAnAddress.getMessage() + ") nor an existing keypair file");
                }
                try {
                    return KeysCommand.read(Path.of(value)).publicKey();
                } catch (CliException unreadable) {
                    throw new TypeConversionException(unreadable.getMessage());
                }
            }
        }

        private static boolean isExistingFile(String value) {
            try {
                return Files.exists(Path.of(value));
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }

    /** A commission in basis points: 0 to 10,000 (100%). */
    static final class BasisPoints implements ITypeConverter<Integer> {
        static final int MAX = 10_000;

        @Override
        public Integer convert(String value) {
            long parsed = new NonNegative().convert(value);
            if (parsed > MAX) {
                throw new TypeConversionException("'" + value + "' is more than " + MAX + " basis points (100%)");
            }
            return (int) parsed;
        }
    }

    static final class TransactionSignature implements ITypeConverter<Signature> {
        @Override
        public Signature convert(String value) {
            try {
                return Signature.fromBase58(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a base58 transaction signature: "
                        + e.getMessage());
            }
        }
    }

    static final class Endpoint implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Lamports and heights: whole numbers from 0 up (underscores allowed as separators: 1_000_000). */
    static final class NonNegative implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String digits = value.trim().replace("_", "");
            long parsed;
            try {
                parsed = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (parsed < 0) {
                throw new TypeConversionException("'" + value + "' must not be negative");
            }
            return parsed;
        }
    }

    static final class PositiveMillis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long parsed = new NonNegative().convert(value);
            if (parsed == 0) {
                throw new TypeConversionException("'" + value + "' must be at least 1 ms");
            }
            return parsed;
        }
    }

    /**
     * A session lifetime: a whole number followed by {@code s}, {@code m}, {@code h} or {@code d}
     * ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}), at least one second and at most 366 days (no
     * genesis allows more).
     */
    static final class Lifetime implements ITypeConverter<Duration> {
        static final Duration MAX = Duration.ofDays(366);
        private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([smhd])");

        @Override
        public Duration convert(String value) {
            Matcher matcher = FORM.matcher(value.trim());
            if (!matcher.matches()) {
                throw new TypeConversionException("'" + value + "' is not a lifetime: a whole number followed by "
                        + "s, m, h or d, e.g. 30s, 10m, 2h, 1d");
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration lifetime = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (lifetime.isZero() || lifetime.compareTo(MAX) > 0) {
                throw new TypeConversionException("'" + value + "' must be from 1s to " + MAX.toDays() + "d");
            }
            return lifetime;
        }
    }

    /**
     * One entry of {@code --programs}: {@code system}, {@code stake}, {@code compute-budget} or a base58
     * program id, optionally followed by {@code :d1+d2...}, the instruction discriminators (first data
     * byte, 0 to 255) the session may call; without them, any instruction of the program.
     */
    static final class SessionProgramEntry implements ITypeConverter<ProgramScope> {
        static final Map<String, PublicKey> NAMES = Map.of("system", SystemProgram.ID, "stake", StakeProgram.ID,
                "compute-budget", ComputeBudgetProgram.ID);

        @Override
        public ProgramScope convert(String value) {
            String entry = value.trim();
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            PublicKey program = NAMES.get(name);
            if (program == null) {
                try {
                    program = PublicKey.fromBase58(name);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("'" + name + "' is neither system, stake, compute-budget "
                            + "nor a base58 program id: " + e.getMessage());
                }
            }
            if (colon < 0) {
                return new ProgramScope(program, Optional.empty());
            }
            return new ProgramScope(program, Optional.of(discriminators(entry.substring(colon + 1), value)));
        }

        private static SortedSet<Integer> discriminators(String list, String value) {
            SortedSet<Integer> discriminators = new TreeSet<>();
            for (String part : list.split("\\+", -1)) {
                int discriminator;
                try {
                    discriminator = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "': discriminator '" + part
                            + "' is not a number 0.." + ProgramScope.MAX_DISCRIMINATOR);
                }
                if (discriminator < 0 || discriminator > ProgramScope.MAX_DISCRIMINATOR
                        || !discriminators.add(discriminator)) {
                    throw new TypeConversionException("'" + value + "': discriminator " + part
                            + " is outside 0.." + ProgramScope.MAX_DISCRIMINATOR + " or repeated");
                }
            }
            if (discriminators.size() > ProgramScope.MAX_DISCRIMINATORS) {
                throw new TypeConversionException("'" + value + "' lists " + discriminators.size()
                        + " discriminators, at most " + ProgramScope.MAX_DISCRIMINATORS);
            }
            return discriminators;
        }
    }

    /** A session's domain, as intents write it: 1 to 64 of {@code a-z 0-9 . - :}. */
    static final class Domain implements ITypeConverter<String> {
        private static final Pattern FORM = Pattern.compile(SessionIntent.DOMAIN_PATTERN);

        @Override
        public String convert(String value) {
            if (!FORM.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not a domain: 1 to 64 characters of a-z 0-9 "
                        + ". - : (lowercase, no scheme or path), e.g. app.example.com");
            }
            return value;
        }
    }
}
