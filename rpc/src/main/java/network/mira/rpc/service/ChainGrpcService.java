package network.mira.rpc.service;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.OptionalLong;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.crypto.Hash;
import network.mira.rpc.stream.BlockFeed;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.GetBlockRequest;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
import network.mira.rpc.v1.GetValidatorSetRequest;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.ListEvidenceRequest;
import network.mira.rpc.v1.ListEvidenceResponse;
import network.mira.rpc.v1.StreamBlocksRequest;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.ledger.IncludedEvidence;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.ledger.LedgerValidatorSchedule;

/**
 * Finalized blocks: the latest blockhash, one block by height or hash, the block stream, the
 * double-sign evidence blocks include, and the validator set of a height.
 */
public final class ChainGrpcService extends ChainServiceGrpc.ChainServiceImplBase {
    /** ListEvidence entries when the request's limit is 0. */
    public static final int EVIDENCE_LIMIT_DEFAULT = 100;
    /** Most ListEvidence entries per call. */
    public static final int EVIDENCE_LIMIT_MAX = 1_000;
    /** ErrorInfo reason for a height whose validator set is not known yet. */
    public static final String VALIDATOR_SET_NOT_FOUND = "VALIDATOR_SET_NOT_FOUND";

    private final Ledger ledger;
    private final ChainParameters parameters;
    private final BlockFeed feed;
    private final ValidatorSchedule schedule;

    public ChainGrpcService(Ledger ledger, ChainParameters parameters, BlockFeed feed) {
        this.ledger = ledger;
        this.parameters = parameters;
        this.feed = feed;
        this.schedule = LedgerValidatorSchedule.of(ledger, parameters);
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

    /**
     * Evidence included in blocks {@code from_height..to_height}, at most {@code limit} entries; a
     * range that holds more says so and where to continue. Heights above the head are empty, not
     * errors: evidence may still arrive there.
     */
    @Override
    public void listEvidence(ListEvidenceRequest request, StreamObserver<ListEvidenceResponse> responses) {
        Responses.answer(responses, () -> {
            long from = RequestFields.unsignedHeight("from_height", request.getFromHeight());
            long to = RequestFields.unsignedHeight("to_height", request.getToHeight());
            int fromIndex = RequestFields.atMost("from_index", request.getFromIndex(), Block.MAX_EVIDENCE - 1);
            int limit = RequestFields.atMost("limit", request.getLimit(), EVIDENCE_LIMIT_MAX);
            int pageSize = limit == 0 ? EVIDENCE_LIMIT_DEFAULT : limit;
            if (to != 0 && to < from) {
                throw RpcErrors.invalidArgument("to_height", to + " is below from_height " + from);
            }
            long head = ledger.finalizedHeight();
            ListEvidenceResponse.Builder out = ListEvidenceResponse.newBuilder().setFinalizedHeight(head);
            long last = to == 0 ? head : Math.min(to, head);
            if (from > last) {
                return out.build();
            }
            List<IncludedEvidence> page = ledger.evidenceInRange(from, fromIndex, last, pageSize);
            page.forEach(evidence -> out.addEvidence(ProtoMapper.evidence(evidence)));
            if (page.size() == pageSize) {
                IncludedEvidence end = page.get(page.size() - 1);
                ledger.evidenceInRange(end.includedHeight(), end.index() + 1, last, 1).forEach(next -> out
                        .setHasMore(true).setNextHeight(next.includedHeight()).setNextIndex(next.index()));
            }
            return out.build();
        });
    }

    /**
     * The set that signs the certificate of {@code height}. Sets are known up to the height after the
     * finalized head (the head's execution chose it); a later height is NOT_FOUND rather than a guess.
     */
    @Override
    public void getValidatorSet(GetValidatorSetRequest request, StreamObserver<GetValidatorSetResponse> responses) {
        Responses.answer(responses, () -> {
            long height = RequestFields.unsignedHeight("height", request.getHeight());
            long head = ledger.finalizedHeight();
            if (height > head + 1) {
                throw RpcErrors.refusal(Status.Code.NOT_FOUND, VALIDATOR_SET_NOT_FOUND, "the set of height " + height
                        + " is not known yet; sets are known up to height " + (head + 1) + " (finalized height + 1)");
            }
            OptionalLong epoch = parameters.staking().map(staking -> OptionalLong.of(staking.epochOf(height)))
                    .orElse(OptionalLong.empty());
            return ProtoMapper.validatorSet(height, epoch, schedule.at(height), head);
        });
    }

    private long heightOf(Hash hash) {
        return ledger.heightOf(hash).orElseThrow(() -> RpcErrors.notFound("BLOCK_NOT_FOUND",
                "no finalized block with hash " + hash));
    }
}
