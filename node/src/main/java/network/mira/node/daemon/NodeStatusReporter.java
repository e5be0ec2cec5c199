package network.mira.node.daemon;

import java.util.Optional;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.NodeStatusSnapshot;
import network.mira.rpc.service.NodeStatusSource;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;

/**
 * Answers GetNodeStatus. On a single-validator chain every executed block is finalized in the
 * same step, so height, confirmed and finalized heights coincide; there are no peers yet.
 */
final class NodeStatusReporter implements NodeStatusSource {
    private final Ledger ledger;
    private final ChainParameters parameters;
    private final Mempool mempool;
    private final PublicKey validator;
    private final String version;

    NodeStatusReporter(Ledger ledger, ChainParameters parameters, Mempool mempool, PublicKey validator,
                       String version) {
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
                head.stateRoot(), head.hash(), head.timestampMs(), Optional.of(validator), 0,
                mempool.size(), version, parameters.validators().size());
    }
}
