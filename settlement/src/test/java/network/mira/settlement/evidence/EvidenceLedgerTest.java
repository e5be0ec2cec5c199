package network.mira.settlement.evidence;

import static network.mira.settlement.evidence.EvidenceFixtures.equivocation;
import static network.mira.settlement.evidence.TestChain.CHAIN_ID;
import static network.mira.settlement.evidence.TestChain.EQUIVOCATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidenceRefusal.Reason;
import network.mira.settlement.ledger.IncludedEvidence;
import network.mira.settlement.production.BuiltBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence in finalized blocks on disk, and data dirs whose blocks predate evidence. */
class EvidenceLedgerTest {
    @TempDir
    Path dir;

    private static DuplicateVoteEvidence evidence(long height, String name) {
        return equivocation(EQUIVOCATOR, CHAIN_ID, height, name);
    }

    @Test
    void includedEvidenceIsStoredWithItsBlockAndReadBackByHashAndByHeight() throws Exception {
        DuplicateVoteEvidence a = evidence(1, "a");
        DuplicateVoteEvidence b = evidence(1, "b");
        DuplicateVoteEvidence c = evidence(2, "c");
        List<DuplicateVoteEvidence> atHeight1 = a.hash().compareTo(b.hash()) < 0 ? List.of(a, b) : List.of(b, a);
        Hash block2Hash;
        try (TestChain chain = new TestChain(dir, 10)) {
            chain.pool.add(a);
            chain.pool.add(b);
            chain.produce();
            chain.pool.add(c);
            Block block2 = chain.produce().block();
            Block block3 = chain.produce().block();
            block2Hash = block2.hash();

            assertThat(block2.header().version()).isEqualTo(BlockHeader.VERSION);
            assertThat(block2.header().evidenceCount()).isEqualTo(2);
            assertThat(block2.header().evidenceRoot()).isEqualTo(Block.evidenceRoot(block2.evidence()));
            assertThat(block2.evidence()).containsExactly(atHeight1.get(0).encode(), atHeight1.get(1).encode());
            assertThat(block3.evidence()).containsExactly(c.encode());
            assertThat(chain.ledger.block(2).orElseThrow().hash()).isEqualTo(block2Hash);

            // Once included, a block repeating it is invalid.
            InvalidEvidenceException repeat = catchThrowableOfType(InvalidEvidenceException.class,
                    () -> chain.verifier.verifyBlockEvidence(block2, chain.ledger));
            assertThat(repeat.refusal().reason()).isEqualTo(Reason.DUPLICATE);
        }
        try (TestChain reopened = new TestChain(dir, 10)) {
            assertThat(reopened.ledger.block(2).orElseThrow().hash()).isEqualTo(block2Hash);
            IncludedEvidence stored = reopened.ledger.evidence(c.hash()).orElseThrow();
            assertThat(stored.includedHeight()).isEqualTo(3);
            assertThat(stored.index()).isZero();
            assertThat(stored.hash()).isEqualTo(c.hash());
            assertThat(stored.evidence().encode()).isEqualTo(c.encode());
            assertThat(reopened.ledger.evidence(Hash.ZERO)).isEmpty();

            List<IncludedEvidence> all = reopened.ledger.evidenceInRange(0, Long.MAX_VALUE, 100);
            assertThat(all).extracting(IncludedEvidence::hash)
                    .containsExactly(atHeight1.get(0).hash(), atHeight1.get(1).hash(), c.hash());
            assertThat(all).extracting(IncludedEvidence::includedHeight).containsExactly(2L, 2L, 3L);
            assertThat(all).extracting(IncludedEvidence::index).containsExactly(0, 1, 0);
            assertThat(reopened.ledger.evidenceInRange(3, 3, 10)).extracting(IncludedEvidence::hash)
                    .containsExactly(c.hash());
            assertThat(reopened.ledger.evidenceInRange(2, 1, 3, 10)).extracting(IncludedEvidence::hash)
                    .containsExactly(atHeight1.get(1).hash(), c.hash());
            assertThat(reopened.ledger.evidenceInRange(0, 2, 1)).hasSize(1);
            assertThat(reopened.ledger.evidenceInRange(4, 100, 10)).isEmpty();
            assertThatThrownBy(() -> reopened.ledger.evidenceInRange(5, 4, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("bad range 5/0..4");
            assertThatThrownBy(() -> reopened.ledger.evidenceInRange(0, 4, 1_001))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("limit 1001 is outside 1..1000");
        }
    }

    @Test
    void aDataDirOfVersionOneBlocksKeepsItsHashesAndGrowsWithVersionTwoBlocks() throws DecodeException {
        Hash genesisHash;
        Hash block1Hash;
        try (TestChain chain = new TestChain(dir, 10)) {
            Block genesis = chain.ledger.block(0).orElseThrow();
            assertThat(genesis.header().version()).as("genesis stays version 1").isEqualTo(BlockHeader.VERSION_1);
            assertThat(genesis.hash()).isEqualTo(Hash.sha256(genesis.header().encode()));
            genesisHash = genesis.hash();

            // Block 1 as the build before evidence made it: the same header, layout version 1.
            BuiltBlock built = chain.build();
            BlockHeader v3 = built.block().header();
            BlockHeader v1 = new BlockHeader(BlockHeader.VERSION_1, v3.height(), v3.parentHash(), v3.stateRoot(),
                    v3.transactionsRoot(), v3.timestampMs(), v3.proposer(), v3.validatorSetHash(),
                    v3.transactionCount());
            chain.commit(new BuiltBlock(new Block(v1, built.block().transactions()), built.state(), built.results(),
                    built.accountKeys(), built.dropped(), built.packing(), built.executionStats()));
            block1Hash = v1.hash();
            // Version 3 adds evidence root and count (version 2), then the next set and last commit hashes.
            assertThat(v1.encode()).hasSize(v3.encode().length - 3 * Hash.LENGTH - 4);
            assertThat(block1Hash).isNotEqualTo(v3.hash());
        }
        try (TestChain reopened = new TestChain(dir, 10)) {
            assertThat(reopened.ledger.block(0).orElseThrow().hash()).isEqualTo(genesisHash);
            Block block1 = reopened.ledger.block(1).orElseThrow();
            assertThat(block1.header().version()).isEqualTo(BlockHeader.VERSION_1);
            assertThat(block1.hash()).isEqualTo(block1Hash);
            assertThat(Block.decode(block1.encode()).hash()).isEqualTo(block1Hash);

            DuplicateVoteEvidence evidence = evidence(1, "a");
            assertThat(reopened.pool.add(evidence)).isEmpty();
            Block block2 = reopened.produce().block();

            assertThat(block2.header().version()).isEqualTo(BlockHeader.VERSION);
            assertThat(block2.header().parentHash()).isEqualTo(block1Hash);
            assertThat(reopened.ledger.headHeader()).isEqualTo(block2.header());
            assertThat(reopened.ledger.evidence(evidence.hash()).orElseThrow().includedHeight()).isEqualTo(2);
        }
    }
}
