package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static network.mira.settlement.staking.StakingFixtures.MIRA;
import static network.mira.settlement.staking.StakingFixtures.identity;
import static network.mira.settlement.staking.StakingFixtures.consensusKey;
import static network.mira.settlement.staking.StakingFixtures.selfBond;
import static network.mira.settlement.staking.StakingFixtures.stake;
import static network.mira.settlement.staking.StakingFixtures.staker;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.StakingGrpcService;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.stream.SlashingEventFeed;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetEpochRequest;
import network.mira.rpc.v1.GetEpochResponse;
import network.mira.rpc.v1.GetValidatorRequest;
import network.mira.rpc.v1.ListRewardsRequest;
import network.mira.rpc.v1.ListRewardsResponse;
import network.mira.rpc.v1.ListSlashingEventsRequest;
import network.mira.rpc.v1.ListSlashingEventsResponse;
import network.mira.rpc.v1.ListStakeAccountsRequest;
import network.mira.rpc.v1.ListStakeAccountsResponse;
import network.mira.rpc.v1.ListValidatorsRequest;
import network.mira.rpc.v1.ListValidatorsResponse;
import network.mira.rpc.v1.SlashingEvent;
import network.mira.rpc.v1.SlashingReason;
import network.mira.rpc.v1.StakeAccount;
import network.mira.rpc.v1.StakeAccountState;
import network.mira.rpc.v1.StakingServiceGrpc;
import network.mira.rpc.v1.StreamSlashingEventsRequest;
import network.mira.rpc.v1.Validator;
import network.mira.rpc.v1.ValidatorReward;
import network.mira.rpc.v1.ValidatorStatus;
import network.mira.settlement.ledger.EpochReward;
import network.mira.settlement.staking.StakingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StakingService over real gRPC (the node's GrpcServer), on a state built with the pure staking API. */
class StakingServiceTest {
    private static final long HEIGHT = 19;

    private final StakingState state = StakingFixture.build();
    private final AtomicReference<Optional<StakingSnapshot>> current =
            new AtomicReference<>(Optional.of(StakingSnapshot.finalized(state, HEIGHT)));
    /** Epoch 0 paid validators 1 and 2; validator 0 was jailed and earned nothing. */
    private final List<EpochReward> epochZero = List.of(new EpochReward(0, identity(1), 3 * MIRA, 27 * MIRA),
            new EpochReward(0, identity(2), 4 * MIRA, 36 * MIRA + 1));
    private final List<Long> rewardLookups = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private final SlashingEventFeed slashingFeed = new SlashingEventFeed(2, 16, 4, delivery);
    private GrpcServer server;
    private ManagedChannel channel;
    private StakingServiceGrpc.StakingServiceBlockingStub staking;

    @BeforeEach
    void start() throws Exception {
        server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", 0),
                List.of(new StakingGrpcService(current::get, this::paidIn, slashingFeed)), new SimpleMeterRegistry());
        server.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        staking = StakingServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        slashingFeed.close();
        server.close();
        delivery.shutdownNow();
    }

    private List<EpochReward> paidIn(long epoch) {
        rewardLookups.add(epoch);
        return epoch == 0 ? epochZero : List.of();
    }

    private ListRewardsResponse rewards(long epoch) {
        return staking.listRewards(ListRewardsRequest.newBuilder().setEpoch(epoch).build());
    }

    private static String b58(PublicKey key) {
        return key.toBase58();
    }

    private Validator validator(int n) {
        return staking.getValidator(GetValidatorRequest.newBuilder().setIdentity(b58(identity(n))).build())
                .getValidator();
    }

    @Test
    void listsEveryValidatorWithStakePowerStatusAndWindow() {
        ListValidatorsResponse response = staking.listValidators(ListValidatorsRequest.getDefaultInstance());

        assertThat(response.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(response.getHeight()).isEqualTo(HEIGHT);
        assertThat(response.getValidatorsList()).extracting(Validator::getIdentity)
                .containsExactly(b58(identity(0)), b58(identity(1)), b58(identity(2)), b58(identity(3)));

        Validator jailed = response.getValidators(0);
        assertThat(jailed.getConsensusKey()).isEqualTo(b58(consensusKey(0)));
        assertThat(jailed.getStatus()).isEqualTo(ValidatorStatus.VALIDATOR_STATUS_JAILED);
        assertThat(jailed.getStake()).isEqualTo(99 * MIRA);          // 100 MIRA less the 1% downtime slash
        assertThat(jailed.getVotingPower()).isEqualTo(100 * MIRA);   // the set changes at the boundary only
        assertThat(jailed.getSelfBond()).isEqualTo(99 * MIRA);
        assertThat(jailed.hasJailedUntilHeight()).isTrue();
        assertThat(jailed.getJailedUntilHeight()).isEqualTo(19 + 20);
        assertThat(jailed.getCommissionBps()).isEqualTo(1_000);
        assertThat(jailed.getSelfBondAddress()).isEqualTo(b58(selfBond(0)));

        Validator active = response.getValidators(1);
        assertThat(active.getStatus()).isEqualTo(ValidatorStatus.VALIDATOR_STATUS_ACTIVE);
        assertThat(active.getStake()).isEqualTo(260 * MIRA);         // self 200 + stake 1 (40) + stake 2 (20)
        assertThat(active.getVotingPower()).isEqualTo(260 * MIRA);
        assertThat(active.getSelfBond()).isEqualTo(200 * MIRA);
        assertThat(active.getMissedBlocks()).isEqualTo(3);
        assertThat(active.hasJailedUntilHeight()).isFalse();
        assertThat(active.getPendingConsensusKey()).isEmpty();
        assertThat(active.hasPendingKeyEpoch()).isFalse();

        Validator tombstoned = response.getValidators(2);
        assertThat(tombstoned.getStatus()).isEqualTo(ValidatorStatus.VALIDATOR_STATUS_TOMBSTONED);
        assertThat(tombstoned.getStake()).isEqualTo(285 * MIRA);     // 300 less 5%
        assertThat(tombstoned.getVotingPower()).isEqualTo(300 * MIRA);
        assertThat(tombstoned.getMissedBlocks()).isZero();

        Validator registered = response.getValidators(3);
        assertThat(registered.getStatus()).isEqualTo(ValidatorStatus.VALIDATOR_STATUS_INACTIVE);
        assertThat(registered.getStake()).isZero();                  // its self-bond is still activating
        assertThat(registered.getVotingPower()).isZero();
        assertThat(registered.getSelfBond()).isZero();
        assertThat(registered.getCommissionBps()).isEqualTo(500);
    }

    @Test
    void getValidatorAnswersOneAndRefusesUnknownAndMalformedKeys() {
        assertThat(validator(1)).isEqualTo(staking.listValidators(ListValidatorsRequest.getDefaultInstance())
                .getValidators(1));
        assertThat(staking.getValidator(GetValidatorRequest.newBuilder().setIdentity(b58(identity(1))).build())
                .getHeight()).isEqualTo(HEIGHT);

        StatusRuntimeException unknown = assertRpcError(() -> validator(9), Status.Code.NOT_FOUND,
                "VALIDATOR_NOT_FOUND");
        assertThat(unknown.getStatus().getDescription()).contains(b58(identity(9)));
        StatusRuntimeException bad = assertRpcError(() -> staking.getValidator(GetValidatorRequest.newBuilder()
                .setIdentity("not-base58!").build()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(RpcAssertions.errorInfo(bad).getMetadataMap()).containsEntry("field", "identity");
        assertThat(RpcAssertions.errorInfo(assertRpcError(() -> staking.getValidator(
                GetValidatorRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"))
                .getMetadataMap()).containsEntry("field", "identity");
    }

    @Test
    void stakeAccountsByOwnerAndByAddress() {
        ListStakeAccountsResponse byOwner = staking.listStakeAccounts(ListStakeAccountsRequest.newBuilder()
                .setOwner(b58(staker(1))).build());
        assertThat(byOwner.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(byOwner.getHeight()).isEqualTo(HEIGHT);
        assertThat(byOwner.getStakeAccountsList()).extracting(StakeAccount::getAddress)
                .containsExactly(b58(stake(1)), b58(stake(2)), b58(stake(3)));

        StakeAccount active = byOwner.getStakeAccounts(0);
        assertThat(active.getAuthority()).isEqualTo(b58(staker(1)));
        assertThat(active.getAmount()).isEqualTo(40 * MIRA);
        assertThat(active.getActiveAmount()).isEqualTo(40 * MIRA);
        assertThat(active.getValidator()).isEqualTo(b58(identity(1)));
        assertThat(active.getState()).isEqualTo(StakeAccountState.STAKE_ACCOUNT_STATE_ACTIVE);
        assertThat(active.getActivationEpoch()).isZero();
        assertThat(active.hasActivationEpoch()).isTrue();
        assertThat(active.hasDeactivationEpoch()).isFalse();

        StakeAccount deactivating = byOwner.getStakeAccounts(1);
        assertThat(deactivating.getState()).isEqualTo(StakeAccountState.STAKE_ACCOUNT_STATE_DEACTIVATING);
        assertThat(deactivating.getAmount()).isEqualTo(20 * MIRA);
        assertThat(deactivating.getActivationEpoch()).isZero();
        assertThat(deactivating.getDeactivationEpoch()).isEqualTo(1);

        StakeAccount inactive = byOwner.getStakeAccounts(2);
        assertThat(inactive.getState()).isEqualTo(StakeAccountState.STAKE_ACCOUNT_STATE_INACTIVE);
        assertThat(inactive.getAmount()).isEqualTo(5 * MIRA);
        assertThat(inactive.getValidator()).isEmpty();
        assertThat(inactive.hasActivationEpoch()).isFalse();
        assertThat(inactive.hasDeactivationEpoch()).isFalse();

        ListStakeAccountsResponse byAddress = staking.listStakeAccounts(ListStakeAccountsRequest.newBuilder()
                .setAddress(b58(stake(4))).build());
        assertThat(byAddress.getStakeAccountsList()).hasSize(1);
        StakeAccount activating = byAddress.getStakeAccounts(0);
        assertThat(activating.getAuthority()).isEqualTo(b58(staker(2)));
        assertThat(activating.getState()).isEqualTo(StakeAccountState.STAKE_ACCOUNT_STATE_ACTIVATING);
        assertThat(activating.getActivationEpoch()).isEqualTo(1);
        assertThat(activating.getActiveAmount()).isZero();

        assertThat(staking.listStakeAccounts(ListStakeAccountsRequest.newBuilder().setAddress(b58(stake(99)))
                .build()).getStakeAccountsList()).isEmpty();
        assertThat(staking.listStakeAccounts(ListStakeAccountsRequest.newBuilder().setOwner(b58(staker(99)))
                .build()).getStakeAccountsList()).isEmpty();
    }

    @Test
    void stakeAccountRequestsWithoutOrWithBadSelectorAreRefusedNamingTheField() {
        assertThat(RpcAssertions.errorInfo(assertRpcError(() -> staking.listStakeAccounts(
                ListStakeAccountsRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT"))
                .getMetadataMap()).containsEntry("field", "selector");
        assertThat(RpcAssertions.errorInfo(assertRpcError(() -> staking.listStakeAccounts(
                ListStakeAccountsRequest.newBuilder().setOwner("xyz0").build()), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT")).getMetadataMap()).containsEntry("field", "owner");
        assertThat(RpcAssertions.errorInfo(assertRpcError(() -> staking.listStakeAccounts(
                ListStakeAccountsRequest.newBuilder().setAddress("xyz0").build()), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT")).getMetadataMap()).containsEntry("field", "address");
    }

    @Test
    void slashingEventsInOrderAndByValidator() {
        ListSlashingEventsResponse all = staking.listSlashingEvents(ListSlashingEventsRequest.getDefaultInstance());
        assertThat(all.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(all.getHeight()).isEqualTo(HEIGHT);
        assertThat(all.getEventsList()).containsExactly(
                SlashingEvent.newBuilder().setValidator(b58(identity(0)))
                        .setReason(SlashingReason.SLASHING_REASON_DOWNTIME).setHeight(19).setAmount(MIRA).build(),
                SlashingEvent.newBuilder().setValidator(b58(identity(2)))
                        .setReason(SlashingReason.SLASHING_REASON_DOUBLE_SIGN)
                        .setHeight(StakingFixture.DOUBLE_SIGN_HEIGHT).setAmount(15 * MIRA)
                        .setEvidenceHash(StakingFixture.EVIDENCE.toBase58()).build());

        assertThat(staking.listSlashingEvents(ListSlashingEventsRequest.newBuilder()
                .setValidator(b58(identity(2))).build()).getEventsList()).containsExactly(all.getEvents(1));
        assertThat(staking.listSlashingEvents(ListSlashingEventsRequest.newBuilder()
                .setValidator(b58(identity(1))).build()).getEventsList()).isEmpty();
        assertRpcError(() -> staking.listSlashingEvents(ListSlashingEventsRequest.newBuilder()
                .setValidator(b58(identity(9))).build()), Status.Code.NOT_FOUND, "VALIDATOR_NOT_FOUND");
        assertThat(RpcAssertions.errorInfo(assertRpcError(() -> staking.listSlashingEvents(
                ListSlashingEventsRequest.newBuilder().setValidator("0OIl").build()), Status.Code.INVALID_ARGUMENT,
                "INVALID_ARGUMENT")).getMetadataMap()).containsEntry("field", "validator");
    }

    @Test
    void epochHasItsHeightsAndTheSetHash() {
        GetEpochResponse epoch = staking.getEpoch(GetEpochRequest.getDefaultInstance());
        assertThat(epoch.getEpoch()).isEqualTo(1);
        assertThat(epoch.getFirstHeight()).isEqualTo(10);
        assertThat(epoch.getLastHeight()).isEqualTo(19);
        assertThat(epoch.getEpochBlocks()).isEqualTo(10);
        assertThat(epoch.getValidatorSetHash()).isEqualTo(state.validatorSet().orElseThrow().hash().toBase58());
        assertThat(epoch.getValidatorCount()).isEqualTo(3);
        assertThat(epoch.getTotalVotingPower()).isEqualTo((100 + 260 + 300) * MIRA);
        assertThat(epoch.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(epoch.getHeight()).isEqualTo(HEIGHT);
    }

    @Test
    void rewardsOfAnEndedEpochPerValidatorWithTheirSum() {
        ListRewardsResponse response = rewards(0);

        assertThat(response.getEpoch()).isZero();
        assertThat(response.getEnded()).isTrue();
        assertThat(response.getLastHeight()).isEqualTo(9);
        assertThat(response.getRewardsList()).containsExactly(
                ValidatorReward.newBuilder().setValidator(b58(identity(1))).setCommission(3 * MIRA)
                        .setDelegators(27 * MIRA).setTotal(30 * MIRA).build(),
                ValidatorReward.newBuilder().setValidator(b58(identity(2))).setCommission(4 * MIRA)
                        .setDelegators(36 * MIRA + 1).setTotal(40 * MIRA + 1).build());
        assertThat(response.getTotal()).isEqualTo(70 * MIRA + 1);
        assertThat(response.getCommitment()).isEqualTo(Commitment.FINALIZED);
        assertThat(response.getHeight()).isEqualTo(HEIGHT);
    }

    @Test
    void theCurrentAndLaterEpochsHaveNotEndedAndListNothing() {
        ListRewardsResponse current = rewards(1);
        assertThat(current.getEnded()).isFalse();
        assertThat(current.getLastHeight()).isEqualTo(19);
        assertThat(current.getRewardsList()).isEmpty();
        assertThat(current.getTotal()).isZero();
        assertThat(current.getHeight()).isEqualTo(HEIGHT);

        ListRewardsResponse later = rewards(7);
        assertThat(later.getEnded()).isFalse();
        assertThat(later.getLastHeight()).isEqualTo(79);
        assertThat(rewardLookups).as("the index is read only for ended epochs").isEmpty();
    }

    @Test
    void anEpochBeyondEveryHeightIsRefusedNamingTheField() {
        for (long epoch : new long[] {-1L, Long.MAX_VALUE / 10}) {
            StatusRuntimeException error = assertRpcError(() -> rewards(epoch), Status.Code.INVALID_ARGUMENT,
                    "INVALID_ARGUMENT");
            assertThat(RpcAssertions.errorInfo(error).getMetadataMap()).containsEntry("field", "epoch");
            assertThat(error.getStatus().getDescription()).startsWith("epoch: " + Long.toUnsignedString(epoch)
                    + " is beyond the last epoch");
        }
        assertThat(rewards(Long.MAX_VALUE / 10 - 1).getLastHeight()).isEqualTo(Long.MAX_VALUE / 10 * 10 - 1);
    }

    @Test
    void everyCallRefusesWhenTheChainHasNoStakingState() {
        current.set(Optional.empty());
        List<Runnable> calls = List.of(
                () -> staking.listValidators(ListValidatorsRequest.getDefaultInstance()),
                () -> validator(1),
                () -> staking.listStakeAccounts(ListStakeAccountsRequest.newBuilder().setOwner(b58(staker(1))).build()),
                () -> staking.listSlashingEvents(ListSlashingEventsRequest.getDefaultInstance()),
                () -> staking.getEpoch(GetEpochRequest.getDefaultInstance()),
                () -> rewards(0),
                () -> staking.streamSlashingEvents(StreamSlashingEventsRequest.getDefaultInstance()).hasNext());
        for (Runnable call : calls) {
            StatusRuntimeException error = assertRpcError(call::run, Status.Code.FAILED_PRECONDITION,
                    "STAKING_NOT_ENABLED");
            assertThat(error.getStatus().getDescription()).startsWith("STAKING_NOT_ENABLED: ")
                    .contains("this chain has no staking state yet");
        }
    }

    @Test
    void reflectionListsStakingService() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        answer.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new AssertionError("no reflection answer"));
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> services = answer.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList()
                .stream().map(ServiceResponse::getName).toList();
        requests.onCompleted();
        assertThat(services).contains("mira.v1.StakingService");
    }
}
