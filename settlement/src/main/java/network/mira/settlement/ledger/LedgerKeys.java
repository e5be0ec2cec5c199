package network.mira.settlement.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.BigEndian;

/** Key layouts of the ledger's columns. Heights are big-endian so RocksDB orders them numerically. */
final class LedgerKeys {
    static final byte[] GENESIS_HASH = meta("genesis_hash");
    static final byte[] CHAIN_ID = meta("chain_id");
    static final byte[] FINALIZED_HEIGHT = meta("finalized_height");
    static final byte[] SCHEMA_VERSION = meta("schema_version");

    private LedgerKeys() {}

    static byte[] height(long height) {
        return BigEndian.u64(height);
    }

    static long height(byte[] key) {
        return BigEndian.readU64(key);
    }

    /** height || index (big endian): included evidence in block order, oldest block first. */
    static byte[] evidence(long height, int index) {
        return ByteBuffer.allocate(12).putLong(height).putInt(index).array();
    }

    static long evidenceHeight(byte[] key) {
        return ByteBuffer.wrap(key).getLong(0);
    }

    static int evidenceIndex(byte[] key) {
        return ByteBuffer.wrap(key).getInt(8);
    }

    /** address || height || index: every transaction that touched an address, oldest first. */
    static byte[] addressSignature(PublicKey address, long height, int index) {
        return ByteBuffer.allocate(PublicKey.LENGTH + 12).put(address.bytes()).putLong(height).putInt(index).array();
    }

    private static byte[] meta(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
