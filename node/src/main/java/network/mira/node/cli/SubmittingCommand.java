package network.mira.node.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetLatestBlockhashResponse;
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

    /**
     * The body shared by the commands that build their own transaction: compiles {@code instructions}
     * with {@code payer} as fee payer over the node's latest finalized blockhash, signs with the payer
     * and {@code coSigners}, submits, waits as asked, and prints {@code fields} followed by the outcome
     * (text: aligned lines ending with signature and status; {@code --json}: one object with
     * {@code fields} first, then {@link TransactionReport#json}).
     *
     * @return the exit code {@link #exitCode} decides (it throws for a FAILED transaction or a timeout)
     */
    int submit(KeyPair payer, List<KeyPair> coSigners, List<Instruction> instructions, Map<String, ?> fields) {
        List<KeyPair> signers = new ArrayList<>(coSigners.size() + 1);
        signers.add(payer);
        signers.addAll(coSigners);
        try (RpcClient rpc = connect()) {
            Message message = MessageCompiler.compileLegacy(payer.publicKey(), instructions, latestBlockhash(rpc));
            Transaction transaction = Transaction.sign(message, signers);
            Signature signature = parseSignature(rpc.submitTransaction(transaction.serialize()));
            TransactionWaiter.Outcome outcome = awaitOutcome(rpc, signature);
            printOutcome(fields, signature, outcome.last());
            return exitCode(outcome);
        }
    }

    private void printOutcome(Map<String, ?> fields, Signature signature, GetTransactionResponse last) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(fields);
        if (json) {
            out.putAll(TransactionReport.json(last));
            printJson(out);
        } else {
            out.put("signature", signature.toBase58());
            out.put("status", TransactionReport.summary(last));
            printFields(out);
        }
    }

    private static Hash latestBlockhash(RpcClient rpc) {
        GetLatestBlockhashResponse latest = rpc.latestBlockhash(Commitment.FINALIZED);
        try {
            return Hash.fromBase58(latest.getBlockhash());
        } catch (IllegalArgumentException e) {
            throw CliException.failure("node answered with an invalid blockhash '" + latest.getBlockhash()
                    + "': " + e.getMessage());
        }
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
