package network.mira.node.cli;

import java.util.Base64;
import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetAccountResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mira account ADDRESS}: lamports, owner, executable flag and data. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Show an account.")
final class AccountCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address.")
    PublicKey address;

    @Option(names = "--commitment", paramLabel = "LEVEL", defaultValue = "finalized",
            description = "Read at processed, confirmed or finalized state (default ${DEFAULT-VALUE}).")
    CommitmentLevel commitment;

    AccountCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetAccountResponse account;
        try (RpcClient rpc = connect()) {
            account = rpc.account(address, commitment.proto());
        }
        String commitmentName = CommitmentLevel.display(account.getCommitment());
        if (json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("address", address.toBase58());
            out.put("exists", account.getExists());
            out.put("lamports", JsonOutput.u64(account.getLamports()));
            out.put("owner", account.getOwner().isEmpty() ? null : account.getOwner());
            out.put("executable", account.getExecutable());
            out.put("data_length", account.getData().size());
            out.put("data_base64", Base64.getEncoder().encodeToString(account.getData().toByteArray()));
            out.put("commitment", commitmentName);
            out.put("height", JsonOutput.u64(account.getHeight()));
            printJson(out);
            return ExitCodes.OK;
        }
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("address", address.toBase58());
        if (!account.getExists()) {
            fields.put("exists", "no (no lamports, no data)");
        } else {
            fields.put("lamports", Long.toUnsignedString(account.getLamports()));
            fields.put("owner", account.getOwner());
            fields.put("executable", account.getExecutable());
            fields.put("data", account.getData().size() + " bytes");
        }
        fields.put("read at", (commitmentName == null ? "height " : commitmentName + " height ")
                + Long.toUnsignedString(account.getHeight()));
        printFields(fields);
        return ExitCodes.OK;
    }
}
