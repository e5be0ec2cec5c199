package network.mira.rpc.service;

import io.grpc.stub.StreamObserver;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetNodeStatusRequest;
import network.mira.rpc.v1.NodeServiceGrpc;
import network.mira.rpc.v1.NodeStatus;

/** GetNodeStatus: a straight translation of what the node reports. */
public final class NodeGrpcService extends NodeServiceGrpc.NodeServiceImplBase {
    private final NodeStatusSource source;

    public NodeGrpcService(NodeStatusSource source) {
        this.source = source;
    }

    @Override
    public void getNodeStatus(GetNodeStatusRequest request, StreamObserver<NodeStatus> responses) {
        NodeStatusSnapshot status = source.status();
        responses.onNext(NodeStatus.newBuilder()
                .setChainId(status.chainId())
                .setGenesisHash(status.genesisHash().toBase58())
                .setHeight(status.height())
                .setFinalizedHeight(status.finalizedHeight())
                .setConfirmedHeight(status.confirmedHeight())
                .setStateRoot(status.stateRoot().toBase58())
                .setLatestBlockHash(status.latestBlockHash().toBase58())
                .setLatestBlockTimeMs(status.latestBlockTimeMs())
                .setValidator(status.validator().map(PublicKey::toBase58).orElse(""))
                .setPeers(status.peers())
                .setMempoolSize(status.mempoolSize())
                .setVersion(status.version())
                .setValidatorCount(status.validatorCount())
                .setEpoch(status.epoch())
                .build());
        responses.onCompleted();
    }
}
