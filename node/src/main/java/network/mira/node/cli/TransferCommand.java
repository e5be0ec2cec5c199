package network.mira.node.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.system.SystemProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mira transfer}: a System program transfer signed by {@code --from}, who also pays the
 * fee, with the node's latest finalized blockhash; then waits for the requested commitment.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Send lamports with a System transfer, wait for the commitment, print signature and status.")
final class TransferCommand extends SubmittingCommand {
    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "Keypair file of the sender, who signs and pays the fee.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address of the recipient.")
    PublicKey to;

    @Option(names = "--amount", required = true, paramLabel = "LAMPORTS", converter = Converters.NonNegative.class,
            description = "Amount in lamports.")
    long amount;

    TransferCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        KeyPair sender = KeysCommand.read(from);
        return submit(sender, List.of(), List.of(SystemProgram.transfer(sender.publicKey(), to, amount)), Map.of());
    }
}
