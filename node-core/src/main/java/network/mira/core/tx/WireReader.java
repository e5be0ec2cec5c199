package network.mira.core.tx;

/** Bounds-checked reading of wire bytes; every failure names the field and its offset. */
final class WireReader {
    private final byte[] data;
    private int offset;

    WireReader(byte[] data) {
        this.data = data;
    }

    int offset() {
        return offset;
    }

    int remaining() {
        return data.length - offset;
    }

    int u8(String what) throws WireFormatException {
        require(1, what);
        return data[offset++] & 0xFF;
    }

    int compactU16(String what) throws WireFormatException {
        ShortVec.Decoded decoded = ShortVec.decode(data, offset, what);
        offset += decoded.length();
        return decoded.value();
    }

    byte[] bytes(int length, String what) throws WireFormatException {
        require(length, what);
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        offset += length;
        return out;
    }

    /** The bytes between two offsets already read, e.g. the signed part of a transaction. */
    byte[] slice(int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }

    void expectEnd(String what) throws WireFormatException {
        if (remaining() != 0) {
            throw new WireFormatException("trailing bytes: " + remaining() + " after the " + what
                    + " at offset " + offset);
        }
    }

    private void require(int length, String what) throws WireFormatException {
        if (remaining() < length) {
            throw new WireFormatException("truncated: expected " + length + (length == 1 ? " byte" : " bytes")
                    + " of " + what + " at offset " + offset + ", " + remaining() + " left");
        }
    }
}
