package network.mira.node.cli;

import java.util.Base64;
import java.util.LinkedHashMap;
import network.mira.rpc.v1.GetAccountResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mira account ADDRESS}: lamports, owner, executable flag and data. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Show an account.")
final class AccountCommand extends CliCommand {
    @Mixin
    AccountQuery query;

    AccountCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetAccountResponse account;
        try (RpcClient rpc = connect()) {
            account = rpc.account(query.address, query.commitment.proto());
        }
        String commitmentName = CommitmentLevel.display(account.getCommitment());
        if (json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("address", query.address.toBase58());
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
        fields.put("address", query.address.toBase58());
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
