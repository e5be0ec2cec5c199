package network.mira.core.consensus;

import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;

/**
 * The exact bytes a validator signs for a vote. The domain tag and chain id keep a signature from
 * being replayed on another chain or taken for another kind of message; the state root is signed
 * so that validators whose execution diverges can never add up to a quorum.
 */
public final class VoteSignBytes {
    private static final byte[] DOMAIN = "mira/vote/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private VoteSignBytes() {}

    public static byte[] of(String chainId, long height, int round, VoteStep step, Hash blockHash, Hash stateRoot) {
        if (height < 0 || round < 0) {
            throw new IllegalArgumentException("height and round must not be negative");
        }
        return new ByteWriter(160)
                .raw(DOMAIN)
                .string(chainId)
                .u64(height)
                .u32(round)
                .u8(step.code())
                .raw(blockHash.bytes())
                .raw(stateRoot.bytes())
                .toByteArray();
    }
}
