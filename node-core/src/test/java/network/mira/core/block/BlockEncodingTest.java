package network.mira.core.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import org.junit.jupiter.api.Test;

/** Block layouts: version 1 exactly as before evidence existed, version 2 with evidence, version 3 with the last commit. */
class BlockEncodingTest {
    private static final List<byte[]> TRANSACTIONS = List.of(new byte[] {1, 2, 3, 4, 5}, new byte[] {9, 8, 7});
    /**
     * A version-1 block (height 42, two transactions) as the build before evidence encoded it, and
     * its hash as that build computed it. Neither may ever change: data dirs hold such blocks.
     */
    private static final String V1_BLOCK_HEX = "012a000000000000004bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7"
            + "cce23c7785459adbc1b4c900ffe48d575b5da5c638040125f65db0fe3e24494b76ea986457d9865baa4ed6bc87a9c5babc6390"
            + "3b1427ac9e44c2f4933d99c618adf086bbc5f7e37b68e5cf8b010000084fed08b978af4d7d196a7446a86b58009e636b611db1"
            + "6211b65a9aadff29c5e52d9c508c502347344d8c07ad91cbd6068afc75ff6292f062a09ca381c89e7102000000050000000102"
            + "03040503000000090807";
    private static final String V1_BLOCK_HASH_HEX = "f4016775e74137fd16236a14b510fb9c9cd9675d41b74e12156765688be8e90b";

    private static Hash hash(int seed) {
        return Hash.sha256(new byte[] {(byte) seed});
    }

    private static BlockHeader header(int version, List<byte[]> evidence) {
        return new BlockHeader(version, 42, hash(1), hash(2), Block.transactionsRoot(TRANSACTIONS),
                1_700_000_000_123L, PublicKey.wrap(hash(3).bytes()), hash(4), TRANSACTIONS.size(),
                Block.evidenceRoot(evidence), evidence.size());
    }

    /** The version-1 layout written field by field, independently of BlockHeader.encode. */
    private static byte[] v1HeaderByHand() {
        return new ByteWriter().u8(1).u64(42).raw(hash(1).bytes()).raw(hash(2).bytes())
                .raw(Block.transactionsRoot(TRANSACTIONS).bytes()).u64(1_700_000_000_123L).raw(hash(3).bytes())
                .raw(hash(4).bytes()).u32(2).toByteArray();
    }

    @Test
    void aVersionOneBlockWrittenBeforeEvidenceDecodesAndHashesAsBefore() throws DecodeException {
        byte[] stored = HexFormat.of().parseHex(V1_BLOCK_HEX);

        Block block = Block.decode(stored);

        assertThat(block.header().version()).isEqualTo(BlockHeader.VERSION_1);
        assertThat(block.height()).isEqualTo(42);
        assertThat(block.transactions()).containsExactlyElementsOf(TRANSACTIONS);
        assertThat(block.evidence()).isEmpty();
        assertThat(block.header().evidenceRoot()).isEqualTo(Hash.ZERO);
        assertThat(block.hash().toHex()).isEqualTo(V1_BLOCK_HASH_HEX);
        assertThat(block.hash()).isEqualTo(Hash.sha256(v1HeaderByHand()));
        assertThat(block.encode()).isEqualTo(stored);
        assertThat(new Block(header(BlockHeader.VERSION_1, List.of()), TRANSACTIONS).encode()).isEqualTo(stored);
    }

    @Test
    void aVersionTwoBlockCarriesEvidenceAndRoundTrips() throws DecodeException {
        List<byte[]> evidence = List.of(new byte[] {7, 7}, new byte[347]);
        Block block = new Block(header(BlockHeader.VERSION_2, evidence), TRANSACTIONS, evidence);

        Block decoded = Block.decode(block.encode());

        assertThat(decoded.header()).isEqualTo(block.header());
        assertThat(decoded.evidence()).containsExactlyElementsOf(evidence);
        assertThat(decoded.transactions()).containsExactlyElementsOf(TRANSACTIONS);
        assertThat(decoded.hash()).isEqualTo(block.hash());
        assertThat(decoded.bodyMatchesHeader()).isTrue();
        // The header commits to the evidence: the same block without it hashes differently.
        assertThat(decoded.hash()).isNotEqualTo(new Block(header(BlockHeader.VERSION_2, List.of()), TRANSACTIONS).hash());
        byte[] headerBytes = block.header().encode();
        assertThat(headerBytes).hasSize(v1HeaderByHand().length + Hash.LENGTH + 4);
        assertThat(headerBytes[0]).isEqualTo((byte) 2);
    }

    @Test
    void evidenceThatDoesNotMatchTheHeaderIsRefused() {
        List<byte[]> evidence = List.of(new byte[] {7, 7});
        BlockHeader header = header(BlockHeader.VERSION, evidence);
        Block swapped = new Block(header, TRANSACTIONS, List.of(new byte[] {7, 8}));
        assertThat(swapped.bodyMatchesHeader()).isFalse();
        assertThatThrownBy(() -> Block.decode(swapped.encode()))
                .isInstanceOf(DecodeException.class)
                .hasMessage("block 42: evidence does not match the header's evidence root");
        assertThatThrownBy(() -> new Block(header, TRANSACTIONS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header says 1 evidence items, body has 0");
    }

    @Test
    void malformedHeadersAndBodiesAreRefusedPrecisely() {
        byte[] v2 = new Block(header(BlockHeader.VERSION_2, List.of()), TRANSACTIONS).encode();
        byte[] unknownVersion = v2.clone();
        unknownVersion[0] = 4;
        assertThatThrownBy(() -> Block.decode(unknownVersion)).isInstanceOf(DecodeException.class)
                .hasMessage("header version 4 is not supported (expected 1, 2 or 3)");

        int evidenceRootAt = v1HeaderByHand().length;
        byte[] rootWithoutEvidence = v2.clone();
        rootWithoutEvidence[evidenceRootAt] = 1;
        assertThatThrownBy(() -> Block.decode(rootWithoutEvidence)).isInstanceOf(DecodeException.class)
                .hasMessage("header evidence root must be zero when the evidence count is 0");

        byte[] tooMuchEvidence = v2.clone();
        tooMuchEvidence[evidenceRootAt + Hash.LENGTH] = (byte) (Block.MAX_EVIDENCE + 1);
        assertThatThrownBy(() -> Block.decode(tooMuchEvidence)).isInstanceOf(DecodeException.class)
                .hasMessage("header evidence count 101 exceeds 100");

        List<byte[]> oversized = List.of(new byte[Block.MAX_EVIDENCE_BYTES + 1]);
        byte[] withOversizedItem = new ByteWriter().raw(header(BlockHeader.VERSION_2, oversized).encode())
                .bytes(TRANSACTIONS.get(0)).bytes(TRANSACTIONS.get(1)).bytes(oversized.get(0)).toByteArray();
        assertThatThrownBy(() -> Block.decode(withOversizedItem)).isInstanceOf(DecodeException.class)
                .hasMessage("evidence 0: length 1025 exceeds maximum 1024");

        byte[] truncated = java.util.Arrays.copyOf(v2, evidenceRootAt + 10);
        assertThatThrownBy(() -> BlockHeader.decode(new ByteReader(truncated))).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("header evidence root: truncated");
    }

    @Test
    void aVersionThreeBlockCommitsToTheNextSetAndCarriesItsParentsCertificate() throws DecodeException {
        CommitCertificate parentCertificate = new CommitCertificate(41, 2, hash(1), hash(9),
                List.of(new CommitSignature(PublicKey.wrap(hash(5).bytes()), Signature.wrap(new byte[64]))));
        Hash lastCommitHash = Hash.sha256(parentCertificate.encode());
        BlockHeader header = header(BlockHeader.VERSION, List.of()).withNextSetAndLastCommit(hash(6), lastCommitHash);
        Block block = new Block(header, TRANSACTIONS, List.of(), Optional.of(parentCertificate));

        Block decoded = Block.decode(block.encode());

        assertThat(decoded.header()).isEqualTo(header);
        assertThat(decoded.header().nextValidatorSetHash()).isEqualTo(hash(6));
        assertThat(decoded.lastCommit()).contains(parentCertificate);
        assertThat(header.encode()).hasSize(v1HeaderByHand().length + Hash.LENGTH + 4 + 2 * Hash.LENGTH);
        // The header commits to both: changing either changes the block hash.
        assertThat(header.withNextSetAndLastCommit(hash(7), lastCommitHash).hash()).isNotEqualTo(header.hash());
        assertThat(header.withNextSetAndLastCommit(hash(6), hash(8)).hash()).isNotEqualTo(header.hash());

        // A body whose certificate is not the one the header names is refused, built or decoded.
        CommitCertificate other = new CommitCertificate(41, 3, hash(1), hash(9), List.of());
        assertThatThrownBy(() -> new Block(header, TRANSACTIONS, List.of(), Optional.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last commit hash");
        byte[] swapped = new ByteWriter().raw(header.encode()).bytes(TRANSACTIONS.get(0)).bytes(TRANSACTIONS.get(1))
                .bytes(other.encode()).toByteArray();
        assertThatThrownBy(() -> Block.decode(swapped)).isInstanceOf(DecodeException.class)
                .hasMessage("block 42: last commit does not match the header's hash");
        // Versions 1 and 2 have neither: their next set is their own set.
        assertThatThrownBy(() -> header(BlockHeader.VERSION_2, List.of()).withNextSetAndLastCommit(hash(6), Hash.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a version-2 header has no next set or last commit");
    }

    @Test
    void aVersionOneHeaderCannotCarryEvidence() {
        assertThatThrownBy(() -> header(BlockHeader.VERSION_1, List.of(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a version-1 header cannot carry evidence");
        assertThatThrownBy(() -> new BlockHeader(7, 1, hash(1), hash(2), hash(3), 0, PublicKey.wrap(hash(3).bytes()),
                hash(4), 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("header version 7 is not supported");
    }
}
