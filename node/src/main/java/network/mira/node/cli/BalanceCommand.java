package network.mira.node.cli;

import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetBalanceResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mira balance ADDRESS}: lamports only, so scripts can use the output as a number. */
@Command(name = "balance", mixinStandardHelpOptions = true, description = "Print an account's balance in lamports.")
final class BalanceCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address.")
    PublicKey address;

    @Option(names = "--commitment", paramLabel = "LEVEL", defaultValue = "finalized",
            description = "Read at processed, confirmed or finalized state (default ${DEFAULT-VALUE}).")
    CommitmentLevel commitment;

    BalanceCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetBalanceResponse balance;
        try (RpcClient rpc = connect()) {
            balance = rpc.balance(address, commitment.proto());
        }
        if (json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("address", address.toBase58());
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
