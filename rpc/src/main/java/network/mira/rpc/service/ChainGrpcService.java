package network.mira.rpc.service;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.Hash;
import network.mira.rpc.stream.BlockFeed;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.GetBlockRequest;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.StreamBlocksRequest;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;

/** Finalized blocks: the latest blockhash, one block by height or hash, and the block stream. */
public final class ChainGrpcService extends ChainServiceGrpc.ChainServiceImplBase {
    private final Ledger ledger;
    private final ChainParameters parameters;
    private final BlockFeed feed;

    public ChainGrpcService(Ledger ledger, ChainParameters parameters, BlockFeed feed) {
        this.ledger = ledger;
        this.parameters = parameters;
        this.feed = feed;
    }

    /** last_valid_height mirrors admission: a blockhash is refused once the head is more than max age above it. */
    @Override
    public void getLatestBlockhash(GetLatestBlockhashRequest request,
                                  StreamObserver<GetLatestBlockhashResponse> responses) {
        Responses.answer(responses, () -> {
            RequestFields.commitment(request.getCommitment());
            BlockHeader head = ledger.headHeader();
            return GetLatestBlockhashResponse.newBuilder()
                    .setBlockhash(head.hash().toBase58())
                    .setHeight(head.height())
                    .setLastValidHeight(head.height() + parameters.blockhashMaxAgeBlocks())
                    .build();
        });
    }

    @Override
    public void getBlock(GetBlockRequest request, StreamObserver<network.mira.rpc.v1.Block> responses) {
        Responses.answer(responses, () -> {
            long height = switch (request.getSelectorCase()) {
                case HEIGHT -> RequestFields.unsignedHeight("height", request.getHeight());
                case HASH -> heightOf(RequestFields.hash("hash", request.getHash()));
                case SELECTOR_NOT_SET -> throw RpcErrors.invalidArgument("selector", "set height or hash");
            };
            Block block = ledger.block(height).orElseThrow(() -> RpcErrors.notFound("BLOCK_NOT_FOUND",
                    "no finalized block at height " + height + " (finalized height is " + ledger.finalizedHeight()
                            + ")"));
            return ProtoMapper.block(block, ledger.certificate(height).orElseThrow(() -> new LedgerException(
                    "data dir is corrupt: block " + height + " has no commit certificate")));
        });
    }

    @Override
    public void streamBlocks(StreamBlocksRequest request, StreamObserver<network.mira.rpc.v1.Block> responses) {
        ServerCallStreamObserver<network.mira.rpc.v1.Block> stream =
                (ServerCallStreamObserver<network.mira.rpc.v1.Block>) responses;
        long fromHeight = request.getFromHeight();
        if (fromHeight < 0) {
            stream.onError(RpcErrors.invalidArgument("from_height",
                    Long.toUnsignedString(fromHeight) + " is beyond any height"));
            return;
        }
        feed.subscribe(fromHeight, stream);
    }

    private long heightOf(Hash hash) {
        return ledger.heightOf(hash).orElseThrow(() -> RpcErrors.notFound("BLOCK_NOT_FOUND",
                "no finalized block with hash " + hash));
    }
}
