package network.mira.node.daemon;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.PublicKey;
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
    private final Optional<PublicKey> validator;
    private final String version;
    private final IntSupplier peers;
    private final LongUnaryOperator epochOf;

    /** @param validator this node's key when it is in the validator set, empty on a follower */
    NodeStatusReporter(Ledger ledger, ChainParameters parameters, Mempool mempool, Optional<PublicKey> validator,
                       String version, IntSupplier peers, LongUnaryOperator epochOf) {
        this.peers = peers;
        this.epochOf = epochOf;
        this.ledger = ledger;
        this.parameters = parameters;
        this.mempool = mempool;
        this.validator = validator;
        this.version = version;
    }

    @Override
    public NodeStatusSnapshot status() {
        BlockHeader head = ledger.headHeader();
        long height = head.height();
        return new NodeStatusSnapshot(parameters.chainId(), parameters.genesisHash(), height, height, height,
                head.stateRoot(), head.hash(), head.timestampMs(), validator, peers.getAsInt(),
                mempool.size(), version, parameters.validators().size(), epochOf.applyAsLong(height));
    }
}
