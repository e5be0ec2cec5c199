package network.mira.rpc.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.consensus.ValidatorSet;
import network.mira.rpc.stream.SlashingEventFeed;
import network.mira.rpc.v1.FinalizedSlashingEvent;
import network.mira.rpc.v1.GetEpochRequest;
import network.mira.rpc.v1.GetEpochResponse;
import network.mira.rpc.v1.GetValidatorRequest;
import network.mira.rpc.v1.GetValidatorResponse;
import network.mira.rpc.v1.ListRewardsRequest;
import network.mira.rpc.v1.ListRewardsResponse;
import network.mira.rpc.v1.ListSlashingEventsRequest;
import network.mira.rpc.v1.ListSlashingEventsResponse;
import network.mira.rpc.v1.ListStakeAccountsRequest;
import network.mira.rpc.v1.ListStakeAccountsResponse;
import network.mira.rpc.v1.ListValidatorsRequest;
import network.mira.rpc.v1.ListValidatorsResponse;
import network.mira.rpc.v1.StakingServiceGrpc;
import network.mira.rpc.v1.StreamSlashingEventsRequest;
import network.mira.settlement.ledger.EpochReward;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakeAccount;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorRecord;

/**
 * Read-only staking queries over one {@link StakingSnapshot} per call, so every answer is consistent
 * with itself and says the commitment and height it reflects; the rewards an epoch paid, from the
 * ledger's index; and the stream of slashing events as they become final.
 */
public final class StakingGrpcService extends StakingServiceGrpc.StakingServiceImplBase {
    /** ErrorInfo reason when the chain has no staking state. */
    public static final String STAKING_NOT_ENABLED = "STAKING_NOT_ENABLED";
    /** ErrorInfo reason for an identity that is not a registered validator. */
    public static final String VALIDATOR_NOT_FOUND = "VALIDATOR_NOT_FOUND";

    private final StakingView view;
    private final RewardsIndex rewards;
    private final SlashingEventFeed slashingEvents;

    public StakingGrpcService(StakingView view, RewardsIndex rewards, SlashingEventFeed slashingEvents) {
        this.view = view;
        this.rewards = rewards;
        this.slashingEvents = slashingEvents;
    }

    @Override
    public void listValidators(ListValidatorsRequest request, StreamObserver<ListValidatorsResponse> responses) {
        Responses.answer(responses, () -> {
            StakingSnapshot snapshot = snapshot();
            ListValidatorsResponse.Builder out = ListValidatorsResponse.newBuilder()
                    .setCommitment(snapshot.commitment()).setHeight(snapshot.height());
            for (ValidatorRecord record : snapshot.state().validators().values()) {
                out.addValidators(StakingProtoMapper.validator(snapshot.state(), record));
            }
            return out.build();
        });
    }

    @Override
    public void getValidator(GetValidatorRequest request, StreamObserver<GetValidatorResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey identity = RequestFields.address("identity", request.getIdentity());
            StakingSnapshot snapshot = snapshot();
            ValidatorRecord record = validator(snapshot.state(), identity);
            return GetValidatorResponse.newBuilder()
                    .setValidator(StakingProtoMapper.validator(snapshot.state(), record))
                    .setCommitment(snapshot.commitment()).setHeight(snapshot.height())
                    .build();
        });
    }

    @Override
    public void listStakeAccounts(ListStakeAccountsRequest request,
                                  StreamObserver<ListStakeAccountsResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey key = switch (request.getSelectorCase()) {
                case OWNER -> RequestFields.address("owner", request.getOwner());
                case ADDRESS -> RequestFields.address("address", request.getAddress());
                case SELECTOR_NOT_SET -> throw RpcErrors.invalidArgument("selector", "set owner or address");
            };
            StakingSnapshot snapshot = snapshot();
            StakingState state = snapshot.state();
            List<StakeAccount> accounts = request.getSelectorCase() == ListStakeAccountsRequest.SelectorCase.OWNER
                    ? state.stakeAccountsOf(key) : state.stakeAccount(key).stream().toList();
            ListStakeAccountsResponse.Builder out = ListStakeAccountsResponse.newBuilder()
                    .setCommitment(snapshot.commitment()).setHeight(snapshot.height());
            accounts.forEach(account -> out.addStakeAccounts(StakingProtoMapper.stakeAccount(state, account)));
            return out.build();
        });
    }

    @Override
    public void listSlashingEvents(ListSlashingEventsRequest request,
                                   StreamObserver<ListSlashingEventsResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey filter = request.getValidator().isEmpty() ? null
                    : RequestFields.address("validator", request.getValidator());
            StakingSnapshot snapshot = snapshot();
            List<SlashingEvent> events = filter == null ? snapshot.state().slashingEvents()
                    : snapshot.state().slashingEventsOf(validator(snapshot.state(), filter).identity());
            ListSlashingEventsResponse.Builder out = ListSlashingEventsResponse.newBuilder()
                    .setCommitment(snapshot.commitment()).setHeight(snapshot.height());
            events.forEach(event -> out.addEvents(StakingProtoMapper.slashingEvent(event)));
            return out.build();
        });
    }

    /** Refused like every staking call on a chain without staking; otherwise the feed serves it. */
    @Override
    public void streamSlashingEvents(StreamSlashingEventsRequest request,
                                     StreamObserver<FinalizedSlashingEvent> responses) {
        if (view.current().isEmpty()) {
            responses.onError(notEnabled());
            return;
        }
        slashingEvents.subscribe((ServerCallStreamObserver<FinalizedSlashingEvent>) responses);
    }

    @Override
    public void getEpoch(GetEpochRequest request, StreamObserver<GetEpochResponse> responses) {
        Responses.answer(responses, () -> {
            StakingSnapshot snapshot = snapshot();
            StakingState state = snapshot.state();
            StakingParameters parameters = state.parameters();
            long first = Math.multiplyExact(state.epoch(), parameters.epochBlocks());
            var set = state.validatorSet();
            return GetEpochResponse.newBuilder()
                    .setEpoch(state.epoch())
                    .setFirstHeight(first)
                    .setLastHeight(first + parameters.epochBlocks() - 1)
                    .setValidatorSetHash(set.map(ValidatorSet::hash).orElse(Hash.ZERO).toBase58())
                    .setValidatorCount(set.map(ValidatorSet::size).orElse(0))
                    .setTotalVotingPower(set.map(ValidatorSet::totalStake).orElse(0L))
                    .setEpochBlocks(parameters.epochBlocks())
                    .setCommitment(snapshot.commitment()).setHeight(snapshot.height())
                    .build();
        });
    }

    /**
     * An epoch has ended once the state has moved past it (its last block ran the transition, in the same
     * write that indexed its rewards); for the current and later epochs the answer says so and lists nothing.
     */
    @Override
    public void listRewards(ListRewardsRequest request, StreamObserver<ListRewardsResponse> responses) {
        Responses.answer(responses, () -> {
            long epoch = request.getEpoch();
            StakingSnapshot snapshot = snapshot();
            long epochBlocks = snapshot.state().parameters().epochBlocks();
            if (epoch < 0 || epoch >= Long.MAX_VALUE / epochBlocks) {
                throw RpcErrors.invalidArgument("epoch", Long.toUnsignedString(epoch)
                        + " is beyond the last epoch (heights end at 2^63 - 1)");
            }
            boolean ended = epoch < snapshot.state().epoch();
            List<EpochReward> paid = ended ? rewards.paidIn(epoch) : List.of();
            return StakingProtoMapper.rewards(epoch, ended, (epoch + 1) * epochBlocks - 1, paid, snapshot);
        });
    }

    private StakingSnapshot snapshot() {
        return view.current().orElseThrow(StakingGrpcService::notEnabled);
    }

    private static StatusRuntimeException notEnabled() {
        return RpcErrors.error(Status.Code.FAILED_PRECONDITION, STAKING_NOT_ENABLED, STAKING_NOT_ENABLED
                + ": this chain has no staking state yet (the stake program's state account does not exist)",
                Map.of());
    }

    private static ValidatorRecord validator(StakingState state, PublicKey identity) {
        return state.validator(identity).orElseThrow(() -> RpcErrors.notFound(VALIDATOR_NOT_FOUND,
                VALIDATOR_NOT_FOUND + ": no validator with identity " + identity));
    }
}
