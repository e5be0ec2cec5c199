package network.mira.node.cli;

import java.time.Duration;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.TransactionState;
import picocli.CommandLine.Option;

/**
 * Commands that send a transaction and then wait for it: {@code --commitment}, {@code --timeout-ms}
 * and {@code --no-wait}, and the shared ending (exit 1 when the transaction FAILED, 4 on timeout).
 */
abstract class SubmittingCommand extends CliCommand {
    @Option(names = "--commitment", paramLabel = "LEVEL", defaultValue = "finalized",
            description = "Wait until the transaction reaches this commitment: processed, confirmed or "
                    + "finalized (default ${DEFAULT-VALUE}).")
    CommitmentLevel commitment;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            converter = Converters.PositiveMillis.class,
            description = "How long to wait for the commitment (default ${DEFAULT-VALUE}); exit code 4 when it passes.")
    long timeoutMs;

    @Option(names = "--no-wait", description = "Print the signature right after the node admits the transaction.")
    boolean noWait;

    SubmittingCommand(CliEnvironment environment) {
        super(environment);
    }

    /** The transaction's status after waiting as asked (or its current status with --no-wait). */
    TransactionWaiter.Outcome awaitOutcome(RpcClient rpc, Signature signature) {
        if (noWait) {
            GetTransactionResponse now = rpc.transaction(signature);
            return new TransactionWaiter.Outcome(now, true);
        }
        return TransactionWaiter.await(rpc, signature, commitment, Duration.ofMillis(timeoutMs));
    }

    /** Prints nothing; decides the exit code and says on stderr why it is not 0. */
    int exitCode(TransactionWaiter.Outcome outcome) {
        GetTransactionResponse last = outcome.last();
        if (last.getState() == TransactionState.FAILED) {
            throw CliException.failure("transaction " + last.getSignature() + " failed: "
                    + (last.hasError() ? TransactionReport.errorText(last) : "no error reported"));
        }
        if (!outcome.reached()) {
            throw new CliException(ExitCodes.TIMEOUT, "timed out after " + timeoutMs + " ms waiting for transaction "
                    + last.getSignature() + " to be " + commitment.name().toLowerCase(java.util.Locale.ROOT)
                    + "; last status " + TransactionReport.summary(last)
                    + " (check later with: mira tx status " + last.getSignature() + ")");
        }
        return ExitCodes.OK;
    }

    static Signature parseSignature(String text) {
        try {
            return Signature.fromBase58(text);
        } catch (IllegalArgumentException e) {
            throw CliException.failure("node answered with an invalid signature '" + text + "': " + e.getMessage());
        }
    }
}
