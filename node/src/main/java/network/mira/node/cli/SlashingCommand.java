package network.mira.node.cli;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.ListSlashingEventsResponse;
import network.mira.rpc.v1.SlashingEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mira slashing events}. */
@Command(name = "slashing", mixinStandardHelpOptions = true, description = "Show slashing events.")
final class SlashingCommand extends GroupCommand {
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new SlashingCommand())
                .addSubcommand(new CommandLine(new Events(environment)));
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "List slashing events (validator, reason, infraction height, amount), oldest first.")
    static final class Events extends CliCommand {
        @Option(names = "--validator", paramLabel = "ID", converter = Converters.Address.class,
                description = "Only this validator's events (its identity, base58).")
        PublicKey validator;

        Events(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            ListSlashingEventsResponse response;
            try (StakingClient staking = StakingClient.connect(endpoint())) {
                response = staking.slashingEvents(validator);
            }
            if (json) {
                List<Object> array = new ArrayList<>();
                response.getEventsList().forEach(e -> array.add(StakingOutput.slashingEvent(e)));
                StakingOutput.printArray(out(), array);
                return ExitCodes.OK;
            }
            printLine(response.getEventsCount() + " slashing event(s) at height "
                    + Long.toUnsignedString(response.getHeight()) + " ("
                    + CommitmentLevel.display(response.getCommitment()) + ")");
            for (SlashingEvent e : response.getEventsList()) {
                printLine(String.format("%-44s %-11s height %s  amount %s%s", e.getValidator(),
                        StakingOutput.reason(e.getReason()), Long.toUnsignedString(e.getHeight()),
                        Long.toUnsignedString(e.getAmount()),
                        e.getEvidenceHash().isEmpty() ? "" : "  evidence " + e.getEvidenceHash()));
            }
            return ExitCodes.OK;
        }
    }
}
