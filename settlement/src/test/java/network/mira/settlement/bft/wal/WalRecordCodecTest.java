package network.mira.settlement.bft.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import network.mira.settlement.bft.LockState;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;
import org.junit.jupiter.api.Test;

class WalRecordCodecTest {
    private static final KeyPair KEY = KeyPair.generate(new java.security.SecureRandom());
    private static final List<byte[]> TRANSACTIONS = List.of(new byte[] {1, 2, 3}, new byte[] {4, 5});
    private static final BlockHeader HEADER = new BlockHeader(BlockHeader.VERSION, 7, Hash.sha256(new byte[] {1}),
            Hash.sha256(new byte[] {2}), Block.transactionsRoot(TRANSACTIONS), 1_000, KEY.publicKey(),
            Hash.sha256(new byte[] {3}), TRANSACTIONS.size());
    private static final Block BLOCK = new Block(HEADER, TRANSACTIONS);
    private static final Signature SIGNATURE = Signature.wrap(filled(64, (byte) 9));

    @Test
    void everyRecordRoundTrips() throws Exception {
        List<WalRecord> records = List.of(
                new WalRecord.OwnProposal(new Proposal(7, 2, 1, HEADER, KEY.publicKey(), SIGNATURE), BLOCK),
                new WalRecord.OwnProposal(new Proposal(7, 0, -1, HEADER, KEY.publicKey(), SIGNATURE), BLOCK),
                new WalRecord.OwnVote(new Vote(7, 3, VoteStep.PREVOTE, HEADER.hash(), HEADER.stateRoot(),
                        KEY.publicKey(), SIGNATURE)),
                new WalRecord.OwnVote(new Vote(7, 3, VoteStep.PRECOMMIT, Hash.ZERO, Hash.ZERO, KEY.publicKey(),
                        SIGNATURE)),
                new WalRecord.Lock(new LockState(7, HEADER, 2, HEADER, 3)),
                new WalRecord.Lock(new LockState(7, null, -1, HEADER, 1)));
        for (WalRecord record : records) {
            WalRecord decoded = WalRecordCodec.decode(WalRecordCodec.encode(record));
            if (record instanceof WalRecord.OwnProposal own) {
                WalRecord.OwnProposal back = (WalRecord.OwnProposal) decoded;
                assertThat(back.proposal()).isEqualTo(own.proposal());
                assertThat(back.block().encode()).isEqualTo(own.block().encode());
            } else {
                assertThat(decoded).isEqualTo(record);
            }
            assertThat(decoded.height()).isEqualTo(7);
        }
    }

    @Test
    void refusesForeignTruncatedAndPaddedRecords() {
        byte[] vote = WalRecordCodec.encode(new WalRecord.OwnVote(new Vote(7, 0, VoteStep.PREVOTE, HEADER.hash(),
                HEADER.stateRoot(), KEY.publicKey(), SIGNATURE)));
        assertThatThrownBy(() -> WalRecordCodec.decode(new byte[] {42})).isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown WAL record tag 42");
        assertThatThrownBy(() -> WalRecordCodec.decode(Arrays.copyOf(vote, vote.length - 1)))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> WalRecordCodec.decode(Arrays.copyOf(vote, vote.length + 1)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("WAL record");
    }

    @Test
    void refusesALockThatPairsAValueWithNoRound() {
        byte[] lock = WalRecordCodec.encode(new WalRecord.Lock(new LockState(7, HEADER, 2, null, -1)));
        // The locked round sits right after the locked header; make it -1 while the value stays.
        int roundAt = 1 + 8 + 1 + HEADER.encode().length;
        Arrays.fill(lock, roundAt, roundAt + 4, (byte) 0xFF);
        assertThatThrownBy(() -> WalRecordCodec.decode(lock)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("lock record");
    }

    @Test
    void refusesAProposalRecordWhoseBlockIsNotTheProposedOne() {
        BlockHeader other = new BlockHeader(BlockHeader.VERSION, 8, HEADER.parentHash(), HEADER.stateRoot(),
                HEADER.transactionsRoot(), 1_000, KEY.publicKey(), HEADER.validatorSetHash(), TRANSACTIONS.size());
        assertThatThrownBy(() -> new WalRecord.OwnProposal(new Proposal(7, 0, -1, other, KEY.publicKey(), SIGNATURE),
                BLOCK)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the proposed");
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
