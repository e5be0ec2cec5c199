package network.mira.node.cli;

import java.util.LinkedHashMap;
import network.mira.rpc.v1.GetBalanceResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mira balance ADDRESS}: lamports only, so scripts can use the output as a number. */
@Command(name = "balance", mixinStandardHelpOptions = true, description = "Print an account's balance in lamports.")
final class BalanceCommand extends CliCommand {
    @Mixin
    AccountQuery query;

    BalanceCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetBalanceResponse balance;
        try (RpcClient rpc = connect()) {
            balance = rpc.balance(query.address, query.commitment.proto());
        }
        if (json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("address", query.address.toBase58());
            out.put("lamports", JsonOutput.u64(balance.getLamports()));
            out.put("commitment", CommitmentLevel.display(balance.getCommitment()));
            out.put("height", JsonOutput.u64(balance.getHeight()));
            printJson(out);
        } else {
            printLine(Long.toUnsignedString(balance.getLamports()));
        }
        return ExitCodes.OK;
    }
}
