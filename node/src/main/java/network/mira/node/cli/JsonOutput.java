package network.mira.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Map;

/**
 * {@code --json} output: exactly one JSON object per command on stdout, field names in snake_case.
 * Objects are built as ordered maps so the fields come out in a stable, readable order.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonOutput() {}

    public static String toJson(Map<String, ?> object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output: " + e.getMessage(), e);
        }
    }

    public static void print(PrintWriter out, Map<String, ?> object) {
        out.println(toJson(object));
        out.flush();
    }

    /** Protobuf uint64 values arrive in a long; values of 2^63 and above are shown unsigned. */
    public static Object u64(long value) {
        return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
    }

    /** Protobuf uint32 values arrive in an int. */
    public static long u32(int value) {
        return Integer.toUnsignedLong(value);
    }
}
