package network.mira.node.daemon;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.rpc.service.NodeStatusSnapshot;
import network.mira.rpc.service.NodeStatusSource;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;

/**
 * Answers GetNodeStatus. Blocks reach the ledger only when finalized, so the node's height,
 * confirmed and finalized heights coincide.
 */
final class NodeStatusReporter implements NodeStatusSource {
    private final Ledger ledger;
    private final ChainParameters parameters;
    private final Mempool mempool;
    private final PublicKey nodeKey;
    private final ValidatorSchedule schedule;
    private final String version;
    private final IntSupplier peers;
    private final LongUnaryOperator epochOf;

    /**
     * @param nodeKey  this node's validator key: reported as the validator while the set of the next
     *                 height includes it, so a follower elected at an epoch boundary shows it from then on
     * @param schedule the set of each height
     */
    NodeStatusReporter(Ledger ledger, ChainParameters parameters, Mempool mempool, PublicKey nodeKey,
                       ValidatorSchedule schedule, String version, IntSupplier peers, LongUnaryOperator epochOf) {
        this.peers = peers;
        this.epochOf = epochOf;
        this.ledger = ledger;
        this.parameters = parameters;
        this.mempool = mempool;
        this.nodeKey = nodeKey;
        this.schedule = schedule;
        this.version = version;
    }

    @Override
    public NodeStatusSnapshot status() {
        BlockHeader head = ledger.headHeader();
        long height = head.height();
        ValidatorSet next = schedule.at(height + 1);
        Optional<PublicKey> validator = next.contains(nodeKey) ? Optional.of(nodeKey) : Optional.empty();
        return new NodeStatusSnapshot(parameters.chainId(), parameters.genesisHash(), height, height, height,
                head.stateRoot(), head.hash(), head.timestampMs(), validator, peers.getAsInt(),
                mempool.size(), version, next.size(), epochOf.applyAsLong(height));
    }
}
