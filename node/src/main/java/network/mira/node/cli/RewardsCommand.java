package network.mira.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.rpc.v1.ListRewardsResponse;
import network.mira.rpc.v1.ValidatorReward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mira rewards --epoch N}: what an epoch paid, per validator. */
@Command(name = "rewards", mixinStandardHelpOptions = true,
        description = "Show the rewards an epoch paid per validator (commission, delegators' part, total).")
final class RewardsCommand extends CliCommand {
    @Option(names = "--epoch", required = true, paramLabel = "N", converter = Converters.NonNegative.class,
            description = "The epoch; its rewards are paid by its last block, so the current one lists nothing yet.")
    long epoch;

    RewardsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        ListRewardsResponse response;
        try (StakingClient staking = StakingClient.connect(endpoint())) {
            response = staking.rewards(epoch);
        }
        if (json) {
            printJson(json(response));
            return ExitCodes.OK;
        }
        String state = "(state at height " + Long.toUnsignedString(response.getHeight()) + ", "
                + CommitmentLevel.display(response.getCommitment()) + ")";
        if (!response.getEnded()) {
            printLine("epoch " + epoch + " has not ended: its rewards are paid by block "
                    + Long.toUnsignedString(response.getLastHeight()) + " " + state);
            return ExitCodes.OK;
        }
        printLine("epoch " + epoch + " paid " + Long.toUnsignedString(response.getTotal()) + " lamports to "
                + response.getRewardsCount() + " validator(s) at height "
                + Long.toUnsignedString(response.getLastHeight()) + " " + state);
        for (ValidatorReward reward : response.getRewardsList()) {
            printLine(String.format("%-44s commission %s  delegators %s  total %s", reward.getValidator(),
                    Long.toUnsignedString(reward.getCommission()), Long.toUnsignedString(reward.getDelegators()),
                    Long.toUnsignedString(reward.getTotal())));
        }
        return ExitCodes.OK;
    }

    private static LinkedHashMap<String, Object> json(ListRewardsResponse response) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("epoch", JsonOutput.u64(response.getEpoch()));
        out.put("ended", response.getEnded());
        out.put("last_height", JsonOutput.u64(response.getLastHeight()));
        out.put("total", JsonOutput.u64(response.getTotal()));
        List<Object> rewards = new ArrayList<>();
        response.getRewardsList().forEach(reward -> rewards.add(StakingOutput.reward(reward)));
        out.put("rewards", rewards);
        out.put("commitment", CommitmentLevel.display(response.getCommitment()));
        out.put("height", JsonOutput.u64(response.getHeight()));
        return out;
    }
}
