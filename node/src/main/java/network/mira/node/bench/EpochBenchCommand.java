package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import network.mira.core.account.Account;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.StakingOperations;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.block.BlockStaking;
import network.mira.settlement.staking.block.EpochVotes;
import network.mira.settlement.staking.program.StakeProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mira bench epoch}: what staking costs consensus, in process. It measures the work a block
 * does around its transactions ({@link BlockStaking}) on a stake state of the given size: an
 * ordinary block (decode the state, record the parent's signers, encode) and an epoch's last block
 * (the same plus the epoch transition: rewards over every bond, warmup/cooldown, the next set). The
 * second is the epoch switch time every validator adds to one block per epoch.
 */
@Command(name = "epoch", mixinStandardHelpOptions = true,
        description = "Per-block staking work and the epoch switch time on a stake state of a given size (in process).")
public final class EpochBenchCommand implements Callable<Integer> {
    private static final long SELF_BOND = 1_000 * StakingParameters.LAMPORTS_PER_MIRA;
    /** Small enough that every delegation activates at the first boundary under the default warmup cap. */
    private static final long DELEGATION = StakingParameters.LAMPORTS_PER_MIRA;

    @Spec
    CommandSpec spec;

    @Option(names = "--validators", defaultValue = "100",
            description = "Registered validators, all in the set (default ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--stake-accounts", defaultValue = "10000",
            description = "Delegated stake accounts besides the self-bonds (default ${DEFAULT-VALUE}).")
    int stakeAccounts;

    @Option(names = "--repeat", defaultValue = "9",
            description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (validators < 1 || validators > 10_000 || stakeAccounts < 0 || stakeAccounts > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--validators must be 1..10000 and --stake-accounts "
                    + "0..1000000");
        }
        Measurements.checkRuns(spec, List.of(1), repeat, warmup);
        BenchWarnings.warnIfJitLimited();
        StakingParameters parameters = StakingParameters.defaults().with("max_validators",
                Integer.toString(Math.max(validators, 1)));
        StakingState state = state(parameters);
        long epochBlocks = parameters.epochBlocks();
        Map<PublicKey, Account> accounts = new HashMap<>();
        accounts.put(StakeProgram.STATE_ACCOUNT, new Account(state.totalStaked(), StakingStateCodec.encode(state),
                StakeProgram.ID, false));
        accounts.put(EpochVotes.ADDRESS, BlockStaking.genesisVotesAccount());
        BlockStaking staking = new BlockStaking(parameters);
        // Into epoch 1, where every delegation is bonded, so the measured switch pays rewards over all of them.
        accounts.putAll(staking.end(address -> Optional.ofNullable(accounts.get(address)), epochBlocks - 1, 0)
                .changes());
        CommitCertificate everyoneSigned = certificate(state, epochBlocks + 1);

        // An ordinary block of epoch 1 recording its parent's signers. The accounts are not advanced
        // between runs, so every run does the same work.
        Measurements ordinary = measure(() -> {
            BlockStaking.Begin begin = staking.begin(address -> Optional.ofNullable(accounts.get(address)),
                    epochBlocks + 2, Optional.of(everyoneSigned), List.of());
            Map<PublicKey, Account> after = new HashMap<>(accounts);
            after.putAll(begin.changes());
            staking.end(address -> Optional.ofNullable(after.get(address)), epochBlocks + 2, 0,
                    Optional.of(begin.state()));
        });
        // Epoch 1's last block: the transition to epoch 2 runs in end().
        Measurements switching = measure(() -> staking.end(address -> Optional.ofNullable(accounts.get(address)),
                2 * epochBlocks - 1, 0));

        ObjectMapper json = new ObjectMapper();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "epoch");
        out.put("validators", validators);
        out.put("stake_accounts", stakeAccounts);
        out.put("state_bytes", accounts.get(StakeProgram.STATE_ACCOUNT).dataLength());
        out.put("block_staking_ms", Measurements.round(ordinary.median() * 1e3, 3));
        out.put("epoch_switch_ms", Measurements.round(switching.median() * 1e3, 3));
        out.put("epoch_switch_best_ms", Measurements.round(switching.best() * 1e3, 3));
        out.put("repeat", repeat);
        spec.commandLine().getOut().println(json.writeValueAsString(out));
        return 0;
    }

    private Measurements measure(Runnable run) {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] seconds = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            run.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return new Measurements(seconds);
    }

    /** Validators with a self-bond each, and stake accounts delegated round-robin (active from epoch 1 on). */
    private StakingState state(StakingParameters parameters) {
        List<GenesisValidator> genesis = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            PublicKey identity = key("validator", i);
            genesis.add(new GenesisValidator(identity, identity, 500, key("self-bond", i), SELF_BOND));
        }
        long supply = Math.addExact(Math.multiplyExact(SELF_BOND, (long) validators),
                Math.multiplyExact(DELEGATION, (long) stakeAccounts));
        StakingState state = StakingState.genesis(parameters, supply, genesis);
        for (int i = 0; i < stakeAccounts; i++) {
            PublicKey address = key("stake", i);
            PublicKey owner = key("owner", i);
            state = applied(StakingOperations.createStake(state, address, owner, DELEGATION));
            state = applied(StakingOperations.delegate(state, address, owner, key("validator", i % validators)));
        }
        return state;
    }

    private static CommitCertificate certificate(StakingState state, long height) {
        List<CommitSignature> signatures = new ArrayList<>();
        for (PublicKey key : new TreeMap<>(state.consensusKeyOwners()).keySet()) {
            signatures.add(new CommitSignature(key, Signature.wrap(new byte[64])));
        }
        return new CommitCertificate(height, 0, Hash.ZERO, Hash.ZERO, signatures);
    }

    private static StakingState applied(StakingResult result) {
        if (result instanceof StakingResult.Applied applied) {
            return applied.state();
        }
        throw new IllegalStateException("benchmark set-up refused: " + result);
    }

    private static PublicKey key(String kind, int index) {
        return PublicKey.wrap(Hash.sha256((kind + " " + index).getBytes(StandardCharsets.UTF_8)).bytes());
    }
}
