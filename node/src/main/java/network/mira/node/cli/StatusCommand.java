package network.mira.node.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import network.mira.rpc.v1.NodeStatus;
import picocli.CommandLine.Command;

/** {@code mira status}: the node's chain, heights, head and connectivity. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the node's chain id, heights, state root, validator, peers and mempool.")
final class StatusCommand extends CliCommand {
    StatusCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        HostPort endpoint = endpoint();
        NodeStatus status;
        try (RpcClient rpc = RpcClient.connect(endpoint)) {
            status = rpc.nodeStatus();
        }
        if (json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("chain_id", status.getChainId());
            out.put("genesis_hash", status.getGenesisHash());
            out.put("height", JsonOutput.u64(status.getHeight()));
            out.put("confirmed_height", JsonOutput.u64(status.getConfirmedHeight()));
            out.put("finalized_height", JsonOutput.u64(status.getFinalizedHeight()));
            out.put("epoch", JsonOutput.u64(status.getEpoch()));
            out.put("state_root", status.getStateRoot());
            out.put("latest_block_hash", status.getLatestBlockHash());
            out.put("latest_block_time_ms", JsonOutput.u64(status.getLatestBlockTimeMs()));
            out.put("validator", status.getValidator().isEmpty() ? null : status.getValidator());
            out.put("validator_count", JsonOutput.u32(status.getValidatorCount()));
            out.put("peers", JsonOutput.u32(status.getPeers()));
            out.put("mempool_size", JsonOutput.u32(status.getMempoolSize()));
            out.put("version", status.getVersion());
            out.put("rpc", endpoint.toString());
            printJson(out);
            return ExitCodes.OK;
        }
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", endpoint + " (version " + status.getVersion() + ")");
        fields.put("chain id", status.getChainId());
        fields.put("genesis hash", status.getGenesisHash());
        fields.put("height", Long.toUnsignedString(status.getHeight()));
        fields.put("confirmed height", Long.toUnsignedString(status.getConfirmedHeight()));
        fields.put("finalized height", Long.toUnsignedString(status.getFinalizedHeight()));
        fields.put("epoch", Long.toUnsignedString(status.getEpoch()));
        fields.put("state root", status.getStateRoot());
        fields.put("latest block", status.getLatestBlockHash() + " at "
                + Instant.ofEpochMilli(status.getLatestBlockTimeMs()));
        fields.put("validator", status.getValidator().isEmpty() ? "none (not a validator)" : status.getValidator());
        fields.put("validators", Integer.toUnsignedString(status.getValidatorCount()));
        fields.put("peers", Integer.toUnsignedString(status.getPeers()));
        fields.put("mempool", Integer.toUnsignedString(status.getMempoolSize()) + " transactions");
        printFields(fields);
        return ExitCodes.OK;
    }
}
