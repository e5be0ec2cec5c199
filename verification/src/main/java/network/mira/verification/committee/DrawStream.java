package network.mira.verification.committee;

import java.nio.charset.StandardCharsets;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;

/**
 * The random numbers of one committee draw: a SHA-256 counter-mode stream that every node computes
 * identically. Value {@code j} is the first 8 bytes, as an unsigned 64-bit little-endian integer, of
 * <pre>SHA-256("mira/committee/draw/v1" ‖ block hash ‖ u32 claim index ‖ u32 round ‖ u32 j)</pre>
 * with the u32s little-endian, as every encoding in the chain. Round 0 is a claim's draw, round 1 its
 * spreading redraw, so the two never share numbers.
 */
final class DrawStream {
    static final byte[] DOMAIN = "mira/committee/draw/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;
    private long counter;

    DrawStream(Hash blockHash, int claimIndex, int round) {
        if (claimIndex < 0 || round < 0) {
            throw new IllegalArgumentException("claim index and round must not be negative");
        }
        prefix = new ByteWriter(DOMAIN.length + Hash.LENGTH + 8)
                .raw(DOMAIN).raw(blockHash.bytes()).u32(claimIndex).u32(round).toByteArray();
    }

    /**
     * A uniform integer in {@code [0, bound)}, without modulo bias: a value below
     * {@code 2^64 mod bound} is discarded and the next one taken, so the values kept are a whole
     * number of runs of {@code bound} and their remainders are equally likely.
     */
    long nextBelow(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long discardBelow = discardBelow(bound);
        long value = nextValue();
        while (Long.compareUnsigned(value, discardBelow) < 0) {
            value = nextValue();
        }
        return Long.remainderUnsigned(value, bound);
    }

    /** {@code 2^64 mod bound}: {@code -bound} read unsigned is {@code 2^64 - bound}, which has the same remainder. */
    static long discardBelow(long bound) {
        return Long.remainderUnsigned(-bound, bound);
    }

    /** The next raw 64-bit value; the counter is a u32, and 2^32 values are far beyond any draw. */
    long nextValue() {
        if (counter > 0xFFFF_FFFFL) {
            throw new IllegalStateException("draw stream exhausted");
        }
        byte[] counterBytes = new ByteWriter(4).u32(counter++).toByteArray();
        byte[] digest = Hash.sha256(prefix, counterBytes).bytes();
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }
}
