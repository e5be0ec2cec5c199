package network.mira.node.cli;

import java.util.ArrayList;
import java.util.List;
import network.mira.rpc.v1.ListValidatorsResponse;
import network.mira.rpc.v1.Validator;
import picocli.CommandLine.Command;

/** {@code mira validators}: every registered validator with its stake, voting power and status. */
@Command(name = "validators", mixinStandardHelpOptions = true,
        description = "List the validators: stake, voting power, status, commission, missed blocks.")
final class ValidatorsCommand extends CliCommand {
    ValidatorsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        ListValidatorsResponse response;
        try (StakingClient staking = StakingClient.connect(endpoint())) {
            response = staking.validators();
        }
        if (json) {
            List<Object> array = new ArrayList<>();
            response.getValidatorsList().forEach(v -> array.add(StakingOutput.validator(v)));
            StakingOutput.printArray(out(), array);
            return ExitCodes.OK;
        }
        printLine(response.getValidatorsCount() + " validator(s) at height "
                + Long.toUnsignedString(response.getHeight()) + " ("
                + CommitmentLevel.display(response.getCommitment()) + ")");
        for (Validator v : response.getValidatorsList()) {
            printLine(String.format("%-44s %-10s stake %s  voting power %s  commission %d bps  missed %d",
                    v.getIdentity(), StakingOutput.status(v.getStatus()), Long.toUnsignedString(v.getStake()),
                    Long.toUnsignedString(v.getVotingPower()), v.getCommissionBps(), v.getMissedBlocks()));
        }
        return ExitCodes.OK;
    }
}
