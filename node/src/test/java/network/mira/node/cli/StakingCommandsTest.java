package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.StakingGrpcService;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.rpc.stream.SlashingEventFeed;
import network.mira.settlement.ledger.EpochReward;
import network.mira.settlement.staking.EpochTransition;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakingOperations;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mira validators}, {@code mira slashing events}, {@code mira stake show} and {@code mira rewards} against an
 * in-process StakingService whose state is built with the pure staking API: validator 0 jailed for
 * downtime, validator 1 active with a delegator, validator 2 tombstoned for double-signing.
 */
class StakingCommandsTest {
    private static final long MIRA = StakingParameters.LAMPORTS_PER_MIRA;
    private static final Hash EVIDENCE = Hash.sha256(new byte[] {42});
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AtomicReference<Optional<StakingSnapshot>> view = new AtomicReference<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private SlashingEventFeed slashingFeed;
    private Server server;

    private static PublicKey key(int kind, int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) kind;
        bytes[31] = (byte) n;
        return PublicKey.wrap(bytes);
    }

    private static StakingState applied(StakingResult result) {
        if (result instanceof StakingResult.Applied applied) {
            return applied.state();
        }
        throw new AssertionError("refused: " + result);
    }

    static StakingState state() {
        StakingParameters parameters = StakingParameters.defaults().with("epoch_blocks", "10")
                .with("unbonding_epochs", "3").with("downtime_window", "10").with("jail_blocks", "20")
                .with("issuance_per_epoch", "0");
        List<GenesisValidator> validators = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            validators.add(new GenesisValidator(key(1, i), key(2, i), 1_000, key(3, i), 100 * MIRA * (i + 1)));
        }
        StakingState state = StakingState.genesis(parameters, 1_000_000 * MIRA, validators);
        state = applied(StakingOperations.createStake(state, key(4, 1), key(5, 1), 40 * MIRA));
        state = applied(StakingOperations.delegate(state, key(4, 1), key(5, 1), key(1, 1)));
        Map<PublicKey, Long> signed = new TreeMap<>();
        for (PublicKey identity : state.currentSnapshot().members().keySet()) {
            signed.put(identity, 10L);
        }
        state = EpochTransition.apply(state, 1, 0, signed).state();
        for (long height = 10; height < 20; height++) {
            state = applied(Slashing.recordBlockSignatures(state, height, Set.of(key(2, 1), key(2, 2))));
        }
        return applied(Slashing.slashDoubleSign(state, key(1, 2), 15, EVIDENCE));
    }

    /** Epoch 0 paid validators 1 and 2. */
    private static List<EpochReward> paidIn(long epoch) {
        return epoch != 0 ? List.of() : List.of(new EpochReward(0, key(1, 1), 2 * MIRA, 18 * MIRA),
                new EpochReward(0, key(1, 2), 3 * MIRA, 27 * MIRA + 1));
    }

    @BeforeEach
    void startServer() throws Exception {
        view.set(Optional.of(StakingSnapshot.finalized(state(), 19)));
        slashingFeed = new SlashingEventFeed(2, 16, 4, delivery);
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new StakingGrpcService(view::get, StakingCommandsTest::paidIn, slashingFeed))
                .build()
                .start();
    }

    @AfterEach
    void stopServer() throws Exception {
        slashingFeed.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        delivery.shutdownNow();
    }

    private CliRunner.Result mira(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--rpc";
        all[1] = "127.0.0.1:" + server.getPort();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new CliRunner().run(all);
    }

    private static JsonNode array(CliRunner.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode node = JSON.readTree(result.stdout());
        assertThat(node.isArray()).as("stdout is one JSON array: " + result).isTrue();
        return node;
    }

    @Test
    void validatorsJsonIsAnArrayWithStakePowerAndLowercaseStatus() throws Exception {
        JsonNode validators = array(mira("validators", "--json"));

        assertThat(validators).hasSize(3);
        JsonNode jailed = validators.get(0);
        assertThat(jailed.get("identity").asText()).isEqualTo(key(1, 0).toBase58());
        assertThat(jailed.get("status").asText()).isEqualTo("jailed");
        assertThat(jailed.get("stake").asLong()).isEqualTo(99 * MIRA);
        assertThat(jailed.get("voting_power").asLong()).isEqualTo(100 * MIRA);
        assertThat(jailed.get("commission_bps").asLong()).isEqualTo(1_000);
        assertThat(jailed.get("missed_blocks").isIntegralNumber()).isTrue();
        assertThat(jailed.get("jailed_until_height").asLong()).isEqualTo(39);
        JsonNode active = validators.get(1);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("stake").asLong()).isEqualTo(240 * MIRA);
        assertThat(active.get("voting_power").asLong()).isEqualTo(240 * MIRA);
        assertThat(active.get("self_bond").asLong()).isEqualTo(200 * MIRA);
        assertThat(active.get("missed_blocks").asLong()).isZero();
        assertThat(active.get("jailed_until_height").isNull()).isTrue();
        assertThat(validators.get(2).get("status").asText()).isEqualTo("tombstoned");
        for (JsonNode validator : validators) {
            assertThat(validator.fieldNames()).toIterable().contains("identity", "stake", "voting_power", "status",
                    "commission_bps", "missed_blocks");
        }

        CliRunner.Result text = mira("validators");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("3 validator(s) at height 19", key(1, 0).toBase58(), "jailed",
                "tombstoned");
    }

    @Test
    void slashingEventsJsonHasReasonHeightAndAmount() throws Exception {
        JsonNode events = array(mira("slashing", "events", "--json"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("validator").asText()).isEqualTo(key(1, 0).toBase58());
        assertThat(events.get(0).get("reason").asText()).isEqualTo("downtime");
        assertThat(events.get(0).get("height").asLong()).isEqualTo(19);
        assertThat(events.get(0).get("amount").asLong()).isEqualTo(MIRA);
        assertThat(events.get(0).get("evidence_hash").isNull()).isTrue();
        assertThat(events.get(1).get("validator").asText()).isEqualTo(key(1, 2).toBase58());
        assertThat(events.get(1).get("reason").asText()).isEqualTo("double_sign");
        assertThat(events.get(1).get("height").asLong()).isEqualTo(15);
        assertThat(events.get(1).get("amount").asLong()).isEqualTo(15 * MIRA);
        assertThat(events.get(1).get("evidence_hash").asText()).isEqualTo(EVIDENCE.toBase58());

        JsonNode filtered = array(mira("slashing", "events", "--validator", key(1, 2).toBase58(), "--json"));
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).get("reason").asText()).isEqualTo("double_sign");
        assertThat(array(mira("slashing", "events", "--validator", key(1, 1).toBase58(), "--json"))).isEmpty();

        CliRunner.Result unknown = mira("slashing", "events", "--validator", key(1, 9).toBase58());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.stderr()).startsWith("error: VALIDATOR_NOT_FOUND: ");
        CliRunner.Result bad = mira("slashing", "events", "--validator", "nope!");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    }

    @Test
    void stakeShowJsonHasStateAmountValidatorAndEpochs() {
        CliRunner.Result result = mira("stake", "show", key(4, 1).toBase58(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode stake = result.json();
        assertThat(stake.get("state").asText()).isEqualTo("active");
        assertThat(stake.get("amount").asLong()).isEqualTo(40 * MIRA);
        assertThat(stake.get("validator").asText()).isEqualTo(key(1, 1).toBase58());
        assertThat(stake.get("activation_epoch").asLong()).isZero();
        assertThat(stake.get("deactivation_epoch").isNull()).isTrue();
        assertThat(stake.get("authority").asText()).isEqualTo(key(5, 1).toBase58());
        assertThat(stake.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(stake.get("height").asLong()).isEqualTo(19);

        CliRunner.Result text = mira("stake", "show", key(4, 1).toBase58());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("state:", "active", key(1, 1).toBase58());

        CliRunner.Result missing = mira("stake", "show", key(4, 9).toBase58(), "--json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).startsWith("error: STAKE_ACCOUNT_NOT_FOUND: no stake account");
    }

    @Test
    void rewardsJsonIsAnObjectWithEpochTotalAndOneEntryPerValidator() {
        CliRunner.Result result = mira("rewards", "--epoch", "0", "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode rewards = result.json();
        assertThat(rewards.get("epoch").asLong()).isZero();
        assertThat(rewards.get("ended").asBoolean()).isTrue();
        assertThat(rewards.get("last_height").asLong()).isEqualTo(9);
        assertThat(rewards.get("total").asLong()).isEqualTo(50 * MIRA + 1);
        assertThat(rewards.get("rewards")).hasSize(2);
        JsonNode first = rewards.get("rewards").get(0);
        assertThat(first.get("validator").asText()).isEqualTo(key(1, 1).toBase58());
        assertThat(first.get("commission").asLong()).isEqualTo(2 * MIRA);
        assertThat(first.get("delegators").asLong()).isEqualTo(18 * MIRA);
        assertThat(first.get("total").asLong()).isEqualTo(20 * MIRA);
        assertThat(rewards.get("rewards").get(1).get("total").asLong()).isEqualTo(30 * MIRA + 1);
        assertThat(rewards.get("height").asLong()).isEqualTo(19);

        CliRunner.Result text = mira("rewards", "--epoch", "0");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).startsWith("epoch 0 paid " + (50 * MIRA + 1) + " lamports to 2 validator(s) at"
                + " height 9 (state at height 19, FINALIZED)")
                .contains(key(1, 2).toBase58(), "total " + (30 * MIRA + 1));

        JsonNode current = mira("rewards", "--epoch", "1", "--json").json();
        assertThat(current.get("ended").asBoolean()).isFalse();
        assertThat(current.get("rewards")).isEmpty();
        assertThat(current.get("total").asLong()).isZero();
        assertThat(mira("rewards", "--epoch", "1").stdout())
                .startsWith("epoch 1 has not ended: its rewards are paid by block 19");

        assertThat(mira("rewards").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mira("rewards", "--epoch", "-1").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void slashingEventsFollowPrintsEachNewEventAsAJsonLineUntilTheNodeEndsTheStream() throws Exception {
        CompletableFuture<CliRunner.Result> json = CompletableFuture.supplyAsync(
                () -> mira("slashing", "events", "--follow", "--json"));
        CompletableFuture<CliRunner.Result> text = CompletableFuture.supplyAsync(
                () -> mira("slashing", "events", "--follow", "--validator", key(1, 0).toBase58()));
        CompletableFuture<CliRunner.Result> otherValidator = CompletableFuture.supplyAsync(
                () -> mira("slashing", "events", "--follow", "--validator", key(1, 1).toBase58()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slashingFeed.streamCount() < 3) {
            assertThat(System.nanoTime()).as("three followers to subscribe").isLessThan(deadline);
            Thread.sleep(20);
        }
        // Validator 0 (jailed for downtime) is found to have double-signed too: a third event, final at 21.
        StakingState slashed = applied(Slashing.slashDoubleSign(state(), key(1, 0), 16, Hash.sha256(new byte[] {7})));
        slashingFeed.onState(StakingSnapshot.finalized(state(), 20));
        slashingFeed.onState(StakingSnapshot.finalized(slashed, 21));
        // The one delivery thread runs tasks in order: once this one ran, the sends scheduled above have.
        delivery.submit(() -> { }).get(30, TimeUnit.SECONDS);
        slashingFeed.close();

        CliRunner.Result lines = json.get(30, TimeUnit.SECONDS);
        assertThat(lines.exitCode()).as(lines.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(lines.stderr()).startsWith("error: SHUTTING_DOWN: node is shutting down");
        assertThat(lines.stdout().lines()).as(lines.toString()).singleElement().satisfies(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("validator").asText()).isEqualTo(key(1, 0).toBase58());
            assertThat(event.get("reason").asText()).isEqualTo("double_sign");
            assertThat(event.get("height").asLong()).isEqualTo(16);
            assertThat(event.get("evidence_hash").asText()).isEqualTo(Hash.sha256(new byte[] {7}).toBase58());
            assertThat(event.get("finalized_height").asLong()).isEqualTo(21);
            assertThat(event.get("index").asLong()).isEqualTo(2);
        });
        assertThat(text.get(30, TimeUnit.SECONDS).stdout()).contains(key(1, 0).toBase58(), "double_sign",
                "height 16", "final at height 21");
        assertThat(otherValidator.get(30, TimeUnit.SECONDS).stdout()).isEmpty();
    }

    @Test
    void everyCommandReportsStakingNotEnabled() {
        view.set(Optional.empty());
        for (String[] command : List.of(new String[] {"validators", "--json"},
                new String[] {"slashing", "events", "--json"},
                new String[] {"stake", "show", key(4, 1).toBase58(), "--json"},
                new String[] {"rewards", "--epoch", "0", "--json"},
                new String[] {"slashing", "events", "--follow", "--json"})) {
            CliRunner.Result result = mira(command);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).as(result.toString())
                    .startsWith("error: STAKING_NOT_ENABLED: this chain has no staking state yet");
        }
    }
}
