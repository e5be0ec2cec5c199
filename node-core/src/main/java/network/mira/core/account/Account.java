package network.mira.core.account;

import java.util.Arrays;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * An account as Solana defines it: lamports, opaque data, the program that owns it and whether it
 * is executable. Immutable; the runtime produces new values.
 */
public final class Account {
    /** Solana's limit for one account's data. */
    public static final int MAX_DATA_BYTES = 10 * 1024 * 1024;

    private final long lamports;
    private final byte[] data;
    private final PublicKey owner;
    private final boolean executable;

    public Account(long lamports, byte[] data, PublicKey owner, boolean executable) {
        if (lamports < 0) {
            throw new IllegalArgumentException("lamports must not be negative: " + lamports);
        }
        if (data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("account data exceeds " + MAX_DATA_BYTES + " bytes: " + data.length);
        }
        this.lamports = lamports;
        this.data = data.clone();
        this.owner = owner;
        this.executable = executable;
    }

    /** A fresh system-owned account holding only lamports. */
    public static Account ofLamports(long lamports, PublicKey systemProgram) {
        return new Account(lamports, new byte[0], systemProgram, false);
    }

    public long lamports() {
        return lamports;
    }

    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public PublicKey owner() {
        return owner;
    }

    public boolean executable() {
        return executable;
    }

    public Account withLamports(long newLamports) {
        return new Account(newLamports, data, owner, executable);
    }

    public Account withOwner(PublicKey newOwner) {
        return new Account(lamports, data, newOwner, executable);
    }

    public Account withData(byte[] newData) {
        return new Account(lamports, newData, owner, executable);
    }

    /** An account with zero lamports and no data does not exist (Solana deletes it). */
    public boolean isEmpty() {
        return lamports == 0 && data.length == 0;
    }

    /** Canonical bytes: stored in RocksDB and hashed into the state root. */
    public byte[] encode() {
        return new ByteWriter(48 + data.length)
                .u64(lamports)
                .raw(owner.bytes())
                .bool(executable)
                .bytes(data)
                .toByteArray();
    }

    public static Account decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        long lamports = reader.u64("account lamports");
        if (lamports < 0) {
            throw new DecodeException("account lamports exceed the signed 64-bit range");
        }
        PublicKey owner = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "account owner"));
        boolean executable = reader.bool("account executable");
        byte[] data = reader.bytes(MAX_DATA_BYTES, "account data");
        reader.expectEnd("account");
        return new Account(lamports, data, owner, executable);
    }

    /** The leaf value committed in the state tree for {@code address}. */
    public Hash hash(PublicKey address) {
        return Hash.sha256(address.bytes(), encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other
                && lamports == other.lamports
                && executable == other.executable
                && owner.equals(other.owner)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lamports) * 31 + owner.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Account{lamports=" + lamports + ", owner=" + owner + ", executable=" + executable
                + ", dataBytes=" + data.length + "}";
    }
}
