package network.mira.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable fixed-length byte string; equality, ordering (unsigned lexicographic) and base58 text. */
abstract class FixedBytes<T extends FixedBytes<T>> implements Comparable<T> {
    private final byte[] bytes;

    FixedBytes(byte[] bytes, int length, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A copy; the value itself never changes. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code target} at {@code offset} without allocating. */
    public final void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    public final int length() {
        return bytes.length;
    }

    public final String toBase58() {
        return Base58.encode(bytes);
    }

    public final String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public final int compareTo(T other) {
        return Arrays.compareUnsigned(bytes, ((FixedBytes<?>) other).bytes);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes<?>) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toBase58();
    }
}
