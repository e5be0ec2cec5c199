package network.mira.settlement.staking;

import java.util.Arrays;

/**
 * A validator's signed/missed record over the last {@code size} blocks (CometBFT x/slashing's missed-block
 * bitmap): a ring of bits plus counters, immutable, copied on each block.
 */
public final class SigningWindow {
    private final int size;
    private final long[] missedBits;
    private final int next;
    private final int counted;
    private final int missed;

    private SigningWindow(int size, long[] missedBits, int next, int counted, int missed) {
        this.size = size;
        this.missedBits = missedBits;
        this.next = next;
        this.counted = counted;
        this.missed = missed;
    }

    public static SigningWindow empty(long size) {
        if (size < 1 || size > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("window size out of range: " + size);
        }
        int blocks = (int) size;
        return new SigningWindow(blocks, new long[(blocks + 63) / 64], 0, 0, 0);
    }

    /** This window after one more block, signed or missed; the oldest block drops out once the window is full. */
    public SigningWindow record(boolean signed) {
        long[] bits = missedBits.clone();
        int newMissed = missed;
        if (counted == size && isSet(bits, next)) {
            newMissed--;
        }
        if (signed) {
            bits[next / 64] &= ~(1L << (next % 64));
        } else {
            bits[next / 64] |= 1L << (next % 64);
            newMissed++;
        }
        return new SigningWindow(size, bits, (next + 1) % size, Math.min(size, counted + 1), newMissed);
    }

    /** Blocks recorded so far, at most the window size: downtime is judged only over a full window. */
    public int counted() {
        return counted;
    }

    public int missed() {
        return missed;
    }

    public boolean isFull() {
        return counted == size;
    }

    /** Fewer than {@code minSignedBps} of a full window signed: {@code signed * 10000 < minSignedBps * size}. */
    public boolean isBelow(long minSignedBps) {
        long signed = counted - (long) missed;
        return isFull() && signed * StakingParameters.BPS < minSignedBps * size;
    }

    /** The window length in blocks. */
    int size() {
        return size;
    }

    /** The ring position the next block is written to. */
    int next() {
        return next;
    }

    /** A copy of the missed-block bits, bit i of word i / 64 for ring position i. */
    long[] missedBits() {
        return missedBits.clone();
    }

    /**
     * A window from its stored parts ({@link StakingStateCodec}); {@code missed} is recounted from the bits.
     * Accepts only what {@link #empty} and {@link #record} can produce: a window not yet full has written
     * positions 0..counted-1 and nothing else, and no bit beyond the window is set.
     *
     * @throws IllegalArgumentException naming the inconsistency
     */
    static SigningWindow restored(long size, long[] bits, long next, long counted) {
        SigningWindow empty = empty(size);
        int blocks = empty.size;
        if (bits.length != empty.missedBits.length) {
            throw new IllegalArgumentException("window of " + blocks + " blocks needs " + empty.missedBits.length
                    + " words, got " + bits.length);
        }
        if (counted < 0 || counted > blocks || next < 0 || next >= blocks) {
            throw new IllegalArgumentException("window position " + next + " / count " + counted
                    + " out of range for " + blocks + " blocks");
        }
        if (counted < blocks && next != counted) {
            throw new IllegalArgumentException("a window that is not full writes at its count " + counted
                    + ", not at " + next);
        }
        int missed = 0;
        for (int i = 0; i < bits.length * 64; i++) {
            if (isSet(bits, i)) {
                if (i >= counted) {
                    throw new IllegalArgumentException("missed bit " + i + " is beyond the " + counted
                            + " blocks recorded");
                }
                missed++;
            }
        }
        return new SigningWindow(blocks, bits.clone(), (int) next, (int) counted, missed);
    }

    private static boolean isSet(long[] bits, int index) {
        return (bits[index / 64] & (1L << (index % 64))) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningWindow other && size == other.size && next == other.next
                && counted == other.counted && missed == other.missed && Arrays.equals(missedBits, other.missedBits);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(missedBits) + 17 * next + counted;
    }

    @Override
    public String toString() {
        return "SigningWindow[missed " + missed + " of " + counted + "/" + size + "]";
    }
}
