package network.mira.node.network;

import io.micrometer.core.instrument.MeterRegistry;
import network.mira.config.NodeConfig;
import network.mira.config.PeerAddress;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.NodeIdentity;
import network.mira.p2p.P2pNetwork;
import network.mira.p2p.P2pSettings;
import network.mira.p2p.PeerInfo;
import network.mira.p2p.PeerListener;
import network.mira.p2p.gossip.SeenCache;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.ProposalValidator;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.bft.VoteValidator;
import network.mira.settlement.consensus.BftEngine;
import network.mira.settlement.evidence.EvidencePool;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on the network: the p2p transport plus what travels over it (consensus messages,
 * transactions, evidence) and block sync. Built in two steps because the engine and the network
 * need each other: {@link #broadcaster()} goes into the engine, then {@link #start} wires the
 * inbound side to it.
 */
public final class NodeNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeNetwork.class);
    private static final int SEEN_MESSAGES = 100_000;

    private final NodeConfig config;
    private final ChainParameters parameters;
    private final MeterRegistry metrics;
    private final P2pNetwork p2p;
    private final PeerMessenger messenger;
    private TransactionGossip transactions;
    private BlockSync sync;
    private EvidenceGossip evidence;

    public NodeNetwork(NodeConfig config, ChainParameters parameters, KeyPair nodeKey, MeterRegistry metrics) {
        this.config = config;
        this.parameters = parameters;
        this.metrics = metrics;
        NodeConfig.P2p p2pConfig = config.p2p();
        this.p2p = new P2pNetwork(new P2pSettings(p2pConfig.host(), p2pConfig.port(), parameters.chainId(),
                parameters.genesisHash(), new NodeIdentity(nodeKey), p2pConfig.maxInboundPeers(),
                p2pConfig.maxOutboundPeers(), P2pSettings.DEFAULT_HANDSHAKE_TIMEOUT,
                P2pSettings.DEFAULT_MAX_FRAME_BYTES, P2pSettings.DEFAULT_OUTBOUND_QUEUE_MESSAGES,
                P2pSettings.DEFAULT_INBOUND_MESSAGES_PER_SECOND, P2pSettings.DEFAULT_INBOUND_BURST_MESSAGES,
                P2pSettings.DEFAULT_RECONNECT_BACKOFF_BASE, P2pSettings.DEFAULT_RECONNECT_BACKOFF_MAX,
                P2pSettings.DEFAULT_BAN_DURATION), metrics);
        this.messenger = new P2pMessenger(p2p);
    }

    /** Goes into the engine: sends this validator's proposals and votes to the peers. */
    public BftEngine.Broadcaster broadcaster() {
        return new ConsensusBroadcaster(messenger);
    }

    /** For the engine's evidence reports: kept in the pool and sent to the peers. */
    public void onEvidenceReported(DuplicateVoteEvidence reported) {
        if (evidence != null) {
            evidence.onReported(reported);
        }
    }

    /** Wires the inbound side to the engine, dials the configured peers and starts listening. */
    public int start(BftEngine engine, Ledger ledger, Mempool mempool, EvidencePool evidencePool,
                     ValidatorSchedule schedule) {
        SeenCache seen = new SeenCache(SEEN_MESSAGES, metrics);
        ConsensusInbound consensus = new ConsensusInbound(engine,
                new ProposalValidator(parameters.chainId(), schedule, Ed25519::verify),
                new VoteValidator(parameters.chainId(), schedule, Ed25519::verify), seen, messenger);
        transactions = new TransactionGossip(mempool, messenger, seen, metrics);
        evidence = new EvidenceGossip(evidencePool, messenger);
        sync = new BlockSync(ledger, engine, messenger, parameters.chainId(), schedule,
                new CertificateVerifier(Ed25519::verify), System::currentTimeMillis, metrics);
        p2p.registerHandler(Channels.PROPOSAL, consensus::onProposal);
        p2p.registerHandler(Channels.VOTE, consensus::onVote);
        p2p.registerHandler(Channels.TRANSACTION, transactions::onMessage);
        p2p.registerHandler(Channels.EVIDENCE, evidence::onMessage);
        p2p.registerHandler(Channels.STATUS, sync::onStatus);
        p2p.registerHandler(Channels.BLOCK_REQUEST, sync::onRequest);
        p2p.registerHandler(Channels.BLOCK_RESPONSE, sync::onResponse);
        p2p.addPeerListener(new PeerListener() {
            @Override
            public void onPeerConnected(PeerInfo peer) {
                LOG.info("peer {} connected ({} {})", peer.id(), peer.direction(), peer.address());
            }

            @Override
            public void onPeerDisconnected(PublicKey peer) {
                LOG.info("peer {} disconnected", peer);
                sync.onPeerDisconnected(peer);
            }
        });
        int port = p2p.start();
        for (PeerAddress peer : config.p2p().persistentPeers()) {
            p2p.addPersistentPeer(peer.id(), peer.host(), peer.port());
        }
        for (PeerAddress seed : config.p2p().seeds()) {
            p2p.connect(seed.id(), seed.host(), seed.port());
        }
        transactions.start();
        sync.start();
        LOG.info("p2p node id {} listening on {}:{}, {} persistent peers", p2p.localId(), config.p2p().host(), port,
                config.p2p().persistentPeers().size());
        return port;
    }

    public int peerCount() {
        return p2p.peers().size();
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        if (transactions != null) {
            transactions.close();
        }
        p2p.close();
    }
}
