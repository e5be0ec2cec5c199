package network.mira.rpc.stream;

import network.mira.core.block.Block;
import network.mira.core.consensus.CommitCertificate;
import network.mira.rpc.service.ProtoMapper;

/**
 * A just-finalized block shared by every stream. It is converted to protobuf at most a few times
 * (a race may convert twice, harmlessly) on a delivery thread, never on the consensus thread.
 */
final class LiveBlock {
    private final Block block;
    private final CommitCertificate certificate;
    private volatile network.mira.rpc.v1.Block proto;

    LiveBlock(Block block, CommitCertificate certificate) {
        this.block = block;
        this.certificate = certificate;
    }

    long height() {
        return block.height();
    }

    network.mira.rpc.v1.Block proto() {
        network.mira.rpc.v1.Block converted = proto;
        if (converted == null) {
            converted = ProtoMapper.block(block, certificate);
            proto = converted;
        }
        return converted;
    }
}
