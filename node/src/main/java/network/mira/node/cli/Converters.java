package network.mira.node.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
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
}
