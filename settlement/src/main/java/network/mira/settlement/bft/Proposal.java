package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteSignBytes;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * A signed proposal of {@code block} for (height, round). {@code validRound} is -1 for a fresh
 * value, otherwise the round in which the proposer saw a prevote quorum for it (proof of lock).
 * The signature covers (chain id, height, round, PROPOSAL, block hash, state root); validRound is
 * not signed, which can only cost liveness: a proof-of-lock is always re-checked against votes.
 */
public record Proposal(long height, int round, int validRound, BlockHeader block, PublicKey proposer,
                       Signature signature) {
    public Proposal {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(signature, "signature");
        if (validRound < -1 || validRound >= round && validRound != -1) {
            throw new IllegalArgumentException("validRound " + validRound + " must be -1 or below round " + round);
        }
    }

    public static byte[] signBytes(String chainId, long height, int round, BlockHeader block) {
        return VoteSignBytes.of(chainId, height, round, VoteStep.PROPOSAL, block.hash(), block.stateRoot());
    }

    public byte[] signBytes(String chainId) {
        return signBytes(chainId, height, round, block);
    }

    /**
     * Canonical bytes (integers big-endian): height (u64), round (u32), valid round (i32, -1 for
     * none), the block header, proposer key (32), signature (64).
     */
    public ByteWriter encodeTo(ByteWriter writer) {
        return writer.u64(height).u32(round).u32(validRound & 0xFFFF_FFFFL).raw(block.encode())
                .raw(proposer.bytes()).raw(signature.bytes());
    }

    public static Proposal decode(ByteReader reader) throws DecodeException {
        long height = reader.u64("proposal height");
        long round = reader.u32("proposal round");
        int validRound = (int) reader.u32("proposal valid round");
        if (height < 0 || round > Integer.MAX_VALUE) {
            throw new DecodeException("proposal height " + Long.toUnsignedString(height) + " or round " + round
                    + " is out of range");
        }
        BlockHeader block = BlockHeader.decode(reader);
        PublicKey proposer = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "proposer"));
        Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "proposal signature"));
        try {
            return new Proposal(height, (int) round, validRound, block, proposer, signature);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("proposal is inconsistent: " + e.getMessage());
        }
    }
}
