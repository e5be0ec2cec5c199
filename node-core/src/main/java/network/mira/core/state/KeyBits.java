package network.mira.core.state;

/** Bits of a 256-bit key path, most significant bit of byte 0 first: the tree's branching order. */
final class KeyBits {
    static final int KEY_BITS = 256;

    private KeyBits() {}

    /** Bit {@code index} (0 = root's branch) of {@code key}: 0 goes left, 1 goes right. */
    static int bit(byte[] key, int index) {
        if (index < 0 || index >= KEY_BITS) {
            throw new IllegalArgumentException("bit index out of range: " + index);
        }
        return (key[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    /** True if {@code a} and {@code b} agree on their first {@code bits} bits. */
    static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int wholeBytes = bits >>> 3;
        for (int i = 0; i < wholeBytes; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return ((a[wholeBytes] ^ b[wholeBytes]) & mask) == 0;
    }
}
