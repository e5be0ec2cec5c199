package network.mira.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.FinalizedSlashingEvent;
import network.mira.rpc.v1.ListSlashingEventsResponse;
import network.mira.rpc.v1.SlashingEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mira slashing events [--validator ID] [--follow]}. */
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

        @Option(names = "--follow", description = "Instead of the history, print each new slashing event as the "
                + "block holding it finalizes (with --json one JSON object per line), until the node ends the "
                + "stream or the command is interrupted.")
        boolean follow;

        Events(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            if (follow) {
                return follow();
            }
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
                printLine(text(e));
            }
            return ExitCodes.OK;
        }

        /** Returns only when the node completes the stream; a failure (e.g. SHUTTING_DOWN) is thrown. */
        private int follow() {
            try (StakingClient staking = StakingClient.connect(endpoint())) {
                staking.followSlashingEvents(this::print);
            }
            return ExitCodes.OK;
        }

        private void print(FinalizedSlashingEvent finalized) {
            SlashingEvent event = finalized.getEvent();
            if (validator != null && !validator.toBase58().equals(event.getValidator())) {
                return;
            }
            if (!json) {
                printLine(text(event) + "  final at height " + Long.toUnsignedString(finalized.getFinalizedHeight()));
                return;
            }
            Map<String, Object> line = StakingOutput.slashingEvent(event);
            line.put("finalized_height", JsonOutput.u64(finalized.getFinalizedHeight()));
            line.put("index", JsonOutput.u32(finalized.getIndex()));
            StakingOutput.printJsonLine(out(), line);
        }

        private static String text(SlashingEvent e) {
            return String.format("%-44s %-11s height %s  amount %s%s", e.getValidator(),
                    StakingOutput.reason(e.getReason()), Long.toUnsignedString(e.getHeight()),
                    Long.toUnsignedString(e.getAmount()),
                    e.getEvidenceHash().isEmpty() ? "" : "  evidence " + e.getEvidenceHash());
        }
    }
}
