package network.mira.rpc.service;

import io.grpc.StatusRuntimeException;
import java.util.function.Function;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.Commitment;

/**
 * Parses request fields; anything malformed becomes INVALID_ARGUMENT naming the field, so the
 * caller learns which field was wrong without guessing.
 */
final class RequestFields {
    private RequestFields() {}

    static PublicKey address(String field, String text) {
        return parse(field, text, PublicKey::fromBase58);
    }

    static Signature signature(String field, String text) {
        return parse(field, text, Signature::fromBase58);
    }

    static Hash hash(String field, String text) {
        return parse(field, text, Hash::fromBase58);
    }

    /** A uint64 field that we store as a signed long: values of 2^63 and above do not fit. */
    static long unsignedHeight(String field, long value) {
        if (value < 0) {
            throw RpcErrors.invalidArgument(field, Long.toUnsignedString(value) + " is beyond any height");
        }
        return value;
    }

    /** A uint32 field (Java reads it as a signed int) that must not exceed {@code max}. */
    static int atMost(String field, int value, int max) {
        long unsigned = Integer.toUnsignedLong(value);
        if (unsigned > max) {
            throw RpcErrors.invalidArgument(field, unsigned + " exceeds the maximum of " + max);
        }
        return (int) unsigned;
    }

    /**
     * Every known level is accepted: this node answers from finalized state, which is at least as
     * strong as any level a caller can ask for, and says so in the response.
     */
    static void commitment(Commitment commitment) {
        if (commitment == Commitment.UNRECOGNIZED) {
            throw RpcErrors.invalidArgument("commitment", "unknown commitment level");
        }
    }

    private static <T> T parse(String field, String text, Function<String, T> parser) throws StatusRuntimeException {
        if (text.isEmpty()) {
            throw RpcErrors.invalidArgument(field, "is required (base58 text)");
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw RpcErrors.invalidArgument(field, e.getMessage());
        }
    }
}
