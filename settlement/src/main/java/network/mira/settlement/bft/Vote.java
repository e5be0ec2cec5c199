package network.mira.settlement.bft;

import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteSignBytes;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * A signed prevote or precommit. A nil vote has {@link Hash#ZERO} as both block hash and state
 * root, so nil is signed like any other value.
 *
 * <p>Encoding ({@link #ENCODED_LENGTH} bytes, little endian, fixed layout): height (u64), round
 * (u32), step (u8: 2 prevote, 3 precommit), block hash (32), state root (32), validator key (32),
 * signature (64).
 */
public record Vote(long height, int round, VoteStep step, Hash blockHash, Hash stateRoot, PublicKey validator,
                   Signature signature) {
    public static final int ENCODED_LENGTH = 8 + 4 + 1 + Hash.LENGTH + Hash.LENGTH + PublicKey.LENGTH
            + Signature.LENGTH;

    public Vote {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(signature, "signature");
        if (step == VoteStep.PROPOSAL) {
            throw new IllegalArgumentException("a vote is a prevote or a precommit");
        }
    }

    public boolean isNil() {
        return blockHash.equals(Hash.ZERO);
    }

    public byte[] signBytes(String chainId) {
        return VoteSignBytes.of(chainId, height, round, step, blockHash, stateRoot);
    }

    public byte[] encode() {
        return encodeTo(new ByteWriter(ENCODED_LENGTH)).toByteArray();
    }

    public ByteWriter encodeTo(ByteWriter writer) {
        return writer.u64(height)
                .u32(round)
                .u8(step.code())
                .raw(blockHash.bytes())
                .raw(stateRoot.bytes())
                .raw(validator.bytes())
                .raw(signature.bytes());
    }

    /** Reads one vote; {@code what} names it in error messages ("first vote"). */
    public static Vote decode(ByteReader reader, String what) throws DecodeException {
        long height = reader.u64(what + " height");
        if (height < 0) {
            throw new DecodeException(what + " height " + Long.toUnsignedString(height) + " is out of range");
        }
        long round = reader.u32(what + " round");
        if (round > Integer.MAX_VALUE) {
            throw new DecodeException(what + " round " + round + " is out of range");
        }
        int stepCode = reader.u8(what + " step");
        VoteStep step = stepOf(stepCode, what);
        Hash blockHash = Hash.wrap(reader.raw(Hash.LENGTH, what + " block hash"));
        Hash stateRoot = Hash.wrap(reader.raw(Hash.LENGTH, what + " state root"));
        PublicKey validator = PublicKey.wrap(reader.raw(PublicKey.LENGTH, what + " validator"));
        Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, what + " signature"));
        return new Vote(height, (int) round, step, blockHash, stateRoot, validator, signature);
    }

    private static VoteStep stepOf(int code, String what) throws DecodeException {
        if (code == VoteStep.PREVOTE.code()) {
            return VoteStep.PREVOTE;
        }
        if (code == VoteStep.PRECOMMIT.code()) {
            return VoteStep.PRECOMMIT;
        }
        throw new DecodeException(what + " step " + code + " is not a vote step (expected "
                + VoteStep.PREVOTE.code() + " prevote or " + VoteStep.PRECOMMIT.code() + " precommit)");
    }

    /** Same slot (height, round, step) and same signer, but a different value: equivocation. */
    public boolean conflictsWith(Vote other) {
        return height == other.height && round == other.round && step == other.step
                && validator.equals(other.validator)
                && (!blockHash.equals(other.blockHash) || !stateRoot.equals(other.stateRoot));
    }
}
