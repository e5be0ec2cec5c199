package network.mira.node.cli;

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
