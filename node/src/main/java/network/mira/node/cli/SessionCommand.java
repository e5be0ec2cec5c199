package network.mira.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetSessionHistoryResponse;
import network.mira.rpc.v1.GetSessionResponse;
import network.mira.rpc.v1.ListSessionsResponse;
import network.mira.rpc.v1.Session;
import network.mira.rpc.v1.SessionEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mira session list|show|history}, reading SessionService, and the writing subcommands of
 * {@link SessionWriteCommands} (docs/sessions.md, "CLI").
 */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = "Create, list, show and revoke sessions (scoped, expiring authority for a session key), "
                + "and read a wallet's session history.")
final class SessionCommand extends GroupCommand {
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new SessionCommand())
                .addSubcommand(new CommandLine(new SessionWriteCommands.Create(environment)))
                .addSubcommand(new CommandLine(new ListSessions(environment)))
                .addSubcommand(new CommandLine(new Show(environment)))
                .addSubcommand(new CommandLine(new SessionWriteCommands.Revoke(environment)))
                .addSubcommand(new CommandLine(new History(environment)));
    }

    private static String at(long height, network.mira.rpc.v1.Commitment commitment) {
        return "height " + Long.toUnsignedString(height) + " (" + CommitmentLevel.display(commitment) + ")";
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A wallet's sessions not yet pruned (active, revoked, or just expired), with what "
                    + "remains of each. --json: an array.")
    static final class ListSessions extends CliCommand {
        @Parameters(index = "0", paramLabel = "OWNER", converter = Converters.KeyOrAddress.class,
                description = "The wallet: a base58 address or its keypair file.")
        PublicKey owner;

        ListSessions(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            ListSessionsResponse response;
            try (SessionClient sessions = SessionClient.connect(endpoint())) {
                response = sessions.sessionsOf(owner);
            }
            if (json) {
                List<Object> array = new ArrayList<>();
                response.getSessionsList().forEach(session -> array.add(SessionOutput.session(session)));
                StakingOutput.printArray(out(), array);
                return ExitCodes.OK;
            }
            printLine(response.getSessionsCount() + " session(s) of " + owner + " at "
                    + at(response.getHeight(), response.getCommitment()) + ", block time "
                    + SessionOutput.isoTime(response.getHeadTimeMs()));
            for (Session session : response.getSessionsList()) {
                printLine(SessionOutput.line(session));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One session: owner, key, status, expiry, what remains, scope.")
    static final class Show extends CliCommand {
        @Parameters(index = "0", paramLabel = "ADDR", converter = Converters.Address.class,
                description = "The session's address (as 'mira session create' and 'list' print it).")
        PublicKey address;

        Show(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            GetSessionResponse response;
            try (SessionClient sessions = SessionClient.connect(endpoint())) {
                response = sessions.session(address);
            }
            LinkedHashMap<String, Object> out = SessionOutput.session(response.getSession());
            out.put("commitment", CommitmentLevel.display(response.getCommitment()));
            out.put("height", JsonOutput.u64(response.getHeight()));
            out.put("head_time", SessionOutput.isoTime(response.getHeadTimeMs()));
            if (json) {
                printJson(out);
                return ExitCodes.OK;
            }
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>(out);
            fields.remove("scope");
            fields.replaceAll((name, value) -> value == null ? "-" : value);
            fields.put("remaining_lamports", orUnlimited(out.get("remaining_lamports")));
            fields.put("remaining_tx", orUnlimited(out.get("remaining_tx")));
            SessionOutput.scopeText(response.getSession().getScope())
                    .forEach((name, value) -> fields.put("scope." + name, value));
            printFields(fields);
            return ExitCodes.OK;
        }

        private static Object orUnlimited(Object value) {
            return value == null ? "unlimited" : value;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A wallet's session events (created, used, fee_sponsored, revoked, expired), oldest "
                    + "first. The chain keeps the last 64; older ones are reported as dropped.")
    static final class History extends CliCommand {
        @Parameters(index = "0", paramLabel = "OWNER", converter = Converters.KeyOrAddress.class,
                description = "The wallet: a base58 address or its keypair file.")
        PublicKey owner;

        @Option(names = "--from", paramLabel = "N", defaultValue = "0", converter = Converters.NonNegative.class,
                description = "First event sequence number (default ${DEFAULT-VALUE}: the oldest).")
        long from;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "64", converter = Converters.NonNegative.class,
                description = "Most events to show, 1 to 64 (default ${DEFAULT-VALUE}).")
        long limit;

        History(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 64) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 to 64, got " + limit);
            }
            GetSessionHistoryResponse response;
            try (SessionClient sessions = SessionClient.connect(endpoint())) {
                response = sessions.history(owner, from, (int) limit);
            }
            if (json) {
                printJson(json(response));
                return ExitCodes.OK;
            }
            printLine(response.getEventsCount() + " event(s) of " + owner + " at "
                    + at(response.getHeight(), response.getCommitment()));
            if (response.getDropped() > 0) {
                printLine("(" + response.getDropped() + " older event(s) asked for are no longer kept: the chain "
                        + "keeps the last 64; this starts at #" + response.getFirstSequence() + ")");
            }
            for (SessionEvent event : response.getEventsList()) {
                printLine(SessionOutput.line(event));
            }
            if (response.getHasMore()) {
                printLine("more: --from " + response.getNextFromSequence());
            }
            return ExitCodes.OK;
        }

        private LinkedHashMap<String, Object> json(GetSessionHistoryResponse response) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("owner", owner.toBase58());
            List<Object> events = new ArrayList<>();
            response.getEventsList().forEach(event -> events.add(SessionOutput.event(event)));
            out.put("events", events);
            out.put("first_sequence", JsonOutput.u64(response.getFirstSequence()));
            out.put("next_sequence", JsonOutput.u64(response.getNextSequence()));
            out.put("dropped", JsonOutput.u64(response.getDropped()));
            out.put("has_more", response.getHasMore());
            out.put("next_from", JsonOutput.u64(response.getNextFromSequence()));
            out.put("commitment", CommitmentLevel.display(response.getCommitment()));
            out.put("height", JsonOutput.u64(response.getHeight()));
            return out;
        }
    }
}
