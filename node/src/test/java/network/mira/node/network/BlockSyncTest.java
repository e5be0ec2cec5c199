package network.mira.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mira.config.Genesis;
import network.mira.config.GenesisJson;
import network.mira.core.block.Block;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.node.cli.InProcessDevnet;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.Proposal;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.consensus.ConsensusInbox;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.Ledger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block sync between a running devnet node (the source of finalized blocks) and an empty ledger of
 * the same chain (the laggard): requests go to the peer that is ahead, certified blocks reach
 * consensus in order, a forged certificate bans its sender, and serving is budgeted per peer.
 */
class BlockSyncTest {
    @TempDir
    Path dir;

    private InProcessDevnet source;
    private RocksKeyValueStore laggardStore;
    private Ledger laggard;
    private ChainParameters parameters;
    private final PublicKey peer = KeyPair.generate(new java.security.SecureRandom()).publicKey();
    private final RecordingMessenger messenger = new RecordingMessenger();
    private final List<Block> decided = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        source = InProcessDevnet.start(dir.resolve("source"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (source.ledger().finalizedHeight() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(source.ledger().finalizedHeight()).isGreaterThanOrEqualTo(3);
        Genesis genesis = GenesisJson.read(dir.resolve("source").resolve("genesis.json"));
        laggardStore = RocksKeyValueStore.open(dir.resolve("laggard"));
        laggard = new Ledger(laggardStore);
        parameters = GenesisInitializer.openOrInitialize(laggard, genesis);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (laggardStore != null) {
            laggardStore.close();
        }
    }

    /** The sync's clock; tests move it by hand. */
    private long nowMs = 1_000_000;

    private BlockSync sync(Ledger ledger) {
        return new BlockSync(ledger, new ConsensusInbox() {
            @Override
            public void deliverProposal(Proposal proposal, Block block) {
                throw new AssertionError("sync delivers decisions only");
            }

            @Override
            public void deliverVote(Vote vote) {
                throw new AssertionError("sync delivers decisions only");
            }

            @Override
            public void deliverDecision(Block block, CommitCertificate certificate) {
                decided.add(block);
            }

            @Override
            public long currentHeight() {
                return ledger.finalizedHeight() + 1;
            }
        }, messenger, parameters.chainId(), parameters.validators(), new CertificateVerifier(Ed25519::verify),
                () -> nowMs, new SimpleMeterRegistry());
    }

    private byte[] response(long height, CommitCertificate certificate) {
        return new ByteWriter().bytes(source.ledger().block(height).orElseThrow().encode())
                .bytes(certificate.encode()).toByteArray();
    }

    private List<Long> requestedHeights() throws Exception {
        List<Long> heights = new ArrayList<>();
        for (RecordingMessenger.Sent sent : messenger.on(Channels.BLOCK_REQUEST)) {
            assertThat(sent.to()).isEqualTo(peer);
            heights.add(new ByteReader(sent.payload()).u64("height"));
        }
        return heights;
    }

    @Test
    void certifiedBlocksFromAPeerThatIsAheadReachConsensusInOrder() throws Exception {
        BlockSync sync = sync(laggard);
        sync.onStatus(peer, new ByteWriter().u64(3).raw(new byte[32]).toByteArray());
        sync.tick();
        assertThat(requestedHeights()).containsExactly(1L, 2L, 3L);
        // Answers arrive out of order; consensus still gets them in height order.
        for (long height : new long[] {3, 1, 2}) {
            sync.onResponse(peer, response(height, source.ledger().certificate(height).orElseThrow()));
        }
        sync.tick();
        assertThat(decided).extracting(Block::height).containsExactly(1L, 2L, 3L);
        assertThat(decided.get(0).hash()).isEqualTo(source.ledger().block(1).orElseThrow().hash());
        assertThat(messenger.penalties).isEmpty();
    }

    @Test
    void aForgedCertificateBansItsSenderAndDeliversNothing() throws Exception {
        BlockSync sync = sync(laggard);
        sync.onStatus(peer, new ByteWriter().u64(1).raw(new byte[32]).toByteArray());
        sync.tick();
        CommitCertificate real = source.ledger().certificate(1).orElseThrow();
        List<CommitSignature> forged = new ArrayList<>();
        for (CommitSignature signature : real.signatures()) {
            byte[] bytes = signature.signature().bytes();
            bytes[0] ^= 1;
            forged.add(new CommitSignature(signature.validator(), Signature.wrap(bytes)));
        }
        sync.onResponse(peer, response(1, new CommitCertificate(real.height(), real.round(), real.blockHash(),
                real.stateRoot(), forged)));
        sync.tick();
        assertThat(decided).isEmpty();
        assertThat(messenger.penalties).singleElement()
                .satisfies(p -> assertThat(p.points()).isEqualTo(BlockSync.BAD_BLOCK_PENALTY));
    }

    @Test
    void unsolicitedBlocksAreIgnored() throws Exception {
        BlockSync sync = sync(laggard);
        sync.onResponse(peer, response(1, source.ledger().certificate(1).orElseThrow()));
        sync.tick();
        assertThat(decided).isEmpty();
    }

    @Test
    void servingIsBudgetedPerPeer() {
        BlockSync server = sync(source.ledger());
        byte[] request = new ByteWriter().u64(1).toByteArray();
        for (int i = 0; i < 200; i++) {
            server.onRequest(peer, request);
        }
        assertThat(messenger.on(Channels.BLOCK_RESPONSE)).as("the burst, then nothing until time passes")
                .hasSize(2 * BlockSync.SERVED_PER_SECOND);
        nowMs += 1_000;
        for (int i = 0; i < 200; i++) {
            server.onRequest(peer, request);
        }
        assertThat(messenger.on(Channels.BLOCK_RESPONSE)).as("one more second's worth")
                .hasSize(3 * BlockSync.SERVED_PER_SECOND);
    }
}
