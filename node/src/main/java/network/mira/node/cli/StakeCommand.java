package network.mira.node.cli;

import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.ListStakeAccountsResponse;
import network.mira.rpc.v1.StakeAccount;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mira stake show}, and the stake-moving subcommands of {@link StakeWriteCommands}. */
@Command(name = "stake", mixinStandardHelpOptions = true,
        description = "Create, delegate, deactivate, withdraw and show stake accounts.")
final class StakeCommand extends GroupCommand {
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new StakeCommand())
                .addSubcommand(new CommandLine(new StakeWriteCommands.Create(environment)))
                .addSubcommand(new CommandLine(new StakeWriteCommands.Delegate(environment)))
                .addSubcommand(new CommandLine(new StakeWriteCommands.Deactivate(environment)))
                .addSubcommand(new CommandLine(new StakeWriteCommands.Withdraw(environment)))
                .addSubcommand(new CommandLine(new Show(environment)));
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a stake account: state, amount, validator, activation and deactivation epochs.")
    static final class Show extends CliCommand {
        @Parameters(index = "0", paramLabel = "ADDR", converter = Converters.Address.class,
                description = "The stake account's address (base58).")
        PublicKey address;

        Show(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            ListStakeAccountsResponse response;
            try (StakingClient staking = StakingClient.connect(endpoint())) {
                response = staking.stakeAccount(address);
            }
            if (response.getStakeAccountsCount() == 0) {
                throw CliException.failure("STAKE_ACCOUNT_NOT_FOUND: no stake account " + address.toBase58()
                        + " at height " + Long.toUnsignedString(response.getHeight()));
            }
            StakeAccount account = response.getStakeAccounts(0);
            LinkedHashMap<String, Object> out = StakingOutput.stakeAccount(account);
            if (json) {
                out.put("commitment", CommitmentLevel.display(response.getCommitment()));
                out.put("height", JsonOutput.u64(response.getHeight()));
                printJson(out);
                return ExitCodes.OK;
            }
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("address", account.getAddress());
            fields.put("authority", account.getAuthority());
            fields.put("state", out.get("state"));
            fields.put("amount", Long.toUnsignedString(account.getAmount()) + " lamports ("
                    + Long.toUnsignedString(account.getActiveAmount()) + " bonded)");
            fields.put("validator", account.getValidator().isEmpty() ? "-" : account.getValidator());
            fields.put("activation epoch", orDash(out.get("activation_epoch")));
            fields.put("deactivation epoch", orDash(out.get("deactivation_epoch")));
            fields.put("height", Long.toUnsignedString(response.getHeight()) + " ("
                    + CommitmentLevel.display(response.getCommitment()) + ")");
            printFields(fields);
            return ExitCodes.OK;
        }

        private static Object orDash(Object value) {
            return value == null ? "-" : value;
        }
    }
}
