package network.mira.node.cli;

import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mira airdrop ADDRESS LAMPORTS}: lamports from the devnet faucet. */
@Command(name = "airdrop", mixinStandardHelpOptions = true,
        description = "Request lamports from the node's faucet (devnets only), wait for the transfer "
                + "and print its signature.")
final class AirdropCommand extends SubmittingCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address to fund.")
    PublicKey address;

    @Parameters(index = "1", paramLabel = "LAMPORTS", converter = Converters.NonNegative.class,
            description = "Amount in lamports (1 MIRA = 1000000000 lamports).")
    long lamports;

    AirdropCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        try (RpcClient rpc = connect()) {
            Signature signature = parseSignature(rpc.requestAirdrop(address, lamports));
            TransactionWaiter.Outcome outcome = awaitOutcome(rpc, signature);
            if (json) {
                LinkedHashMap<String, Object> out = new LinkedHashMap<>();
                out.put("signature", signature.toBase58());
                out.put("address", address.toBase58());
                out.put("lamports", JsonOutput.u64(lamports));
                LinkedHashMap<String, Object> status = TransactionReport.json(outcome.last());
                status.remove("signature");
                out.putAll(status);
                printJson(out);
            } else {
                printLine(signature.toBase58());
            }
            return exitCode(outcome);
        }
    }
}
