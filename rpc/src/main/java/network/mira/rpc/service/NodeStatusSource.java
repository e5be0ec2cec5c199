package network.mira.rpc.service;

/**
 * Where GetNodeStatus gets its answer. The node module implements it, because only the node
 * knows all of it (peers, version, which key it validates with).
 */
@FunctionalInterface
public interface NodeStatusSource {
    NodeStatusSnapshot status();
}
