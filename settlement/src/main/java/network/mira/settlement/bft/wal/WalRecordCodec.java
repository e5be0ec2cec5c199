package network.mira.settlement.bft.wal;

import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.settlement.bft.LockState;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;

/**
 * Bytes of a {@link WalRecord}: a one-byte tag, then the fields in order (integers big-endian,
 * rounds as signed 32-bit so -1 survives). A record that does not decode completely is refused;
 * the WAL's checksums already cut torn tails, so a refusal here means a foreign or corrupt file.
 */
public final class WalRecordCodec {
    private static final int OWN_PROPOSAL = 1;
    private static final int OWN_VOTE = 2;
    private static final int LOCK = 3;

    private WalRecordCodec() {}

    public static byte[] encode(WalRecord record) {
        ByteWriter out = new ByteWriter(256);
        if (record instanceof WalRecord.OwnProposal own) {
            own.proposal().encodeTo(out.u8(OWN_PROPOSAL)).bytes(own.block().encode());
        } else if (record instanceof WalRecord.OwnVote own) {
            own.vote().encodeTo(out.u8(OWN_VOTE));
        } else if (record instanceof WalRecord.Lock lock) {
            LockState s = lock.state();
            out.u8(LOCK).u64(s.height());
            optionalHeader(out, s.lockedValue()).u32(s.lockedRound() & 0xFFFF_FFFFL);
            optionalHeader(out, s.validValue()).u32(s.validRound() & 0xFFFF_FFFFL);
        } else {
            throw new AssertionError("unknown WAL record " + record);
        }
        return out.toByteArray();
    }

    public static WalRecord decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int tag = in.u8("WAL record tag");
        WalRecord record;
        try {
            record = switch (tag) {
                case OWN_PROPOSAL -> ownProposal(in);
                case OWN_VOTE -> ownVote(in);
                case LOCK -> lock(in);
                default -> throw new DecodeException("unknown WAL record tag " + tag);
            };
        } catch (IllegalArgumentException e) {
            throw new DecodeException("WAL record (tag " + tag + ") is inconsistent: " + e.getMessage());
        }
        in.expectEnd("WAL record");
        return record;
    }

    private static WalRecord ownProposal(ByteReader in) throws DecodeException {
        Proposal proposal = Proposal.decode(in);
        Block block = Block.decode(in.bytes(ConsensusWal.MAX_RECORD_BYTES, "proposed block"));
        return new WalRecord.OwnProposal(proposal, block);
    }

    private static WalRecord ownVote(ByteReader in) throws DecodeException {
        return new WalRecord.OwnVote(Vote.decode(in, "vote"));
    }

    private static WalRecord lock(ByteReader in) throws DecodeException {
        long height = in.u64("lock height");
        BlockHeader locked = optionalHeader(in, "locked value");
        int lockedRound = (int) in.u32("locked round");
        BlockHeader valid = optionalHeader(in, "valid value");
        int validRound = (int) in.u32("valid round");
        if ((locked == null) != (lockedRound == -1) || (valid == null) != (validRound == -1)) {
            throw new DecodeException("lock record pairs a value with round -1 or no value with a round");
        }
        return new WalRecord.Lock(new LockState(height, locked, lockedRound, valid, validRound));
    }

    private static ByteWriter optionalHeader(ByteWriter out, BlockHeader header) {
        out.bool(header != null);
        return header == null ? out : out.raw(header.encode());
    }

    private static BlockHeader optionalHeader(ByteReader in, String what) throws DecodeException {
        return in.bool(what + " present") ? BlockHeader.decode(in) : null;
    }
}
