package network.mira.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import network.mira.core.block.Block;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.SubmitVerificationResponse;
import network.mira.rpc.v1.TransactionState;
import network.mira.rpc.v1.VerificationRequest;
import network.mira.verification.claims.ClaimsRefusedException;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.VerificationProgram;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mira verify submit}: opens a verification request for an AI output (split into claims on chain)
 * or for explicit claims, and with {@code --wait} follows it to its verdicts. A body too large for one
 * transaction goes through the requester's draft account first (WriteDraft, then RequestFromDraft).
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit an AI output (--text) or claims (--claims-file, one per line, # comments) for "
                + "verification; prints the request account and its claims, with --wait their verdicts.")
final class VerifySubmitCommand extends CliCommand {
    /** Largest claims file read: well above what a request may carry, so the limit message is the program's. */
    private static final long MAX_CLAIMS_FILE_BYTES = 1 << 20;
    private static final long POLL_MS = 250;

    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "Keypair file of the requester, who signs and pays the fee and the transaction fees.")
    Path from;

    static final class Body {
        @Option(names = "--text", paramLabel = "TEXT", description = "The AI output; the chain splits it into claims.")
        String text;

        @Option(names = "--claims-file", paramLabel = "FILE",
                description = "Claims, one per line; blank lines and lines starting with # are skipped.")
        Path claimsFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Body body;

    @Option(names = "--committee", paramLabel = "K", defaultValue = "0", converter = Converters.NonNegative.class,
            description = "Validators per claim; 0 = the chain's verification_default_committee. Never more than "
                    + "the eligible validators.")
    long committee;

    @Option(names = "--threshold-bps", paramLabel = "N", defaultValue = "0", converter = Converters.NonNegative.class,
            description = "Share of committee stake a verdict needs, 5001..10000 bps; 0 = the chain's default "
                    + "(two thirds).")
    long thresholdBps;

    @Option(names = "--fee", paramLabel = "LAMPORTS", defaultValue = "100000", converter = Converters.NonNegative.class,
            description = "Paid to the members who reveal the final verdict (default ${DEFAULT-VALUE}); "
                    + "at least the chain's verification_min_fee.")
    long fee;

    @Option(names = "--nonce", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "The request's nonce (its account derives from requester and nonce). Default: random.")
    Long nonce;

    @Option(names = "--wait", description = "Wait until the request is resolved (or cancelled) and print verdicts.")
    boolean waitForVerdicts;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "120000",
            converter = Converters.PositiveMillis.class,
            description = "How long to wait (default ${DEFAULT-VALUE}); exit code 4 when it passes.")
    long timeoutMs;

    VerifySubmitCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        KeyPair requester = KeysCommand.read(from);
        RequestBody requestBody = requestBody();
        try {
            requestBody.toClaims();
        } catch (ClaimsRefusedException e) {
            throw new CliException(ExitCodes.USAGE, "the chain would refuse these claims (" + e.reason() + "): "
                    + e.getMessage());
        }
        long requestNonce = nonce != null ? nonce : new SecureRandom().nextLong() & Long.MAX_VALUE;
        PublicKey account = VerificationProgram.requestAddress(requester.publicKey(), requestNonce);
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        try (RpcClient rpc = connect(); VerificationClient verification = VerificationClient.connect(endpoint())) {
            Transaction request = sign(rpc, requester, VerificationProgram.request(requester.publicKey(), requestNonce,
                    fee, (int) committee, (int) thresholdBps, requestBody));
            if (request.serialize().length > Block.MAX_TRANSACTION_BYTES) {
                writeDraft(rpc, requester, requestNonce, requestBody.encode());
                request = sign(rpc, requester, VerificationProgram.requestFromDraft(requester.publicKey(),
                        requestNonce, fee, (int) committee, (int) thresholdBps));
            }
            SubmitVerificationResponse submitted = verification.submit(request.serialize());
            awaitFinalized(rpc, SubmittingCommand.parseSignature(submitted.getSignature()));
            VerificationRequest state = verification.request(account).getRequest();
            while (waitForVerdicts && !VerifyOutput.settled(state.getPhase())) {
                if (System.nanoTime() > deadline) {
                    throw new CliException(ExitCodes.TIMEOUT, "timed out after " + timeoutMs + " ms; request "
                            + account + " is " + VerifyOutput.phase(state.getPhase()) + " (follow it with: mira "
                            + "verify cert " + account + ")");
                }
                sleep();
                state = verification.request(account).getRequest();
            }
            print(state, submitted.getSignature());
            return ExitCodes.OK;
        }
    }

    private RequestBody requestBody() {
        if (body.text != null) {
            return RequestBody.text(body.text);
        }
        String content;
        try {
            if (Files.size(body.claimsFile) > MAX_CLAIMS_FILE_BYTES) {
                throw CliException.failure("claims file " + body.claimsFile + " is larger than "
                        + MAX_CLAIMS_FILE_BYTES + " bytes");
            }
            content = Files.readString(body.claimsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.failure("cannot read claims file " + body.claimsFile + ": " + e.getMessage());
        }
        List<String> claims = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            String claim = line.strip();
            if (!claim.isEmpty() && !claim.startsWith("#")) {
                claims.add(claim);
            }
        }
        return RequestBody.claims(claims);
    }

    /** Writes the body in chunks that fit a transaction, each finalized before the next. */
    private void writeDraft(RpcClient rpc, KeyPair requester, long requestNonce, byte[] encoded) {
        int overhead = sign(rpc, requester, VerificationProgram.writeDraft(requester.publicKey(), requestNonce, 0,
                new byte[0])).serialize().length;
        int chunk = Block.MAX_TRANSACTION_BYTES - overhead - 8;
        for (int offset = 0; offset < encoded.length; offset += chunk) {
            byte[] part = Arrays.copyOfRange(encoded, offset, Math.min(encoded.length, offset + chunk));
            Transaction write = sign(rpc, requester, VerificationProgram.writeDraft(requester.publicKey(),
                    requestNonce, offset, part));
            awaitFinalized(rpc, SubmittingCommand.parseSignature(rpc.submitTransaction(write.serialize())));
        }
    }

    private static Transaction sign(RpcClient rpc, KeyPair payer, Instruction instruction) {
        Hash blockhash = Hash.fromBase58(rpc.latestBlockhash(Commitment.FINALIZED).getBlockhash());
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), List.of(instruction), blockhash),
                List.of(payer));
    }

    private void awaitFinalized(RpcClient rpc, Signature signature) {
        TransactionWaiter.Outcome outcome = TransactionWaiter.await(rpc, signature, CommitmentLevel.FINALIZED,
                Duration.ofMillis(timeoutMs));
        GetTransactionResponse last = outcome.last();
        if (last.getState() == TransactionState.FAILED) {
            throw CliException.failure("transaction " + signature + " failed: " + TransactionReport.errorText(last));
        }
        if (!outcome.reached()) {
            throw new CliException(ExitCodes.TIMEOUT, "timed out after " + timeoutMs + " ms waiting for "
                    + signature + " to be finalized; last status " + TransactionReport.summary(last));
        }
    }

    private void print(VerificationRequest state, String signature) {
        Map<String, Object> fields = VerifyOutput.request(state);
        if (json) {
            fields.put("signature", signature);
            printJson(fields);
            return;
        }
        printLine("request:   " + state.getRequest());
        printLine("phase:     " + VerifyOutput.phase(state.getPhase()));
        printLine("signature: " + signature);
        VerifyOutput.claimLines(state).forEach(this::printLine);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        }
    }
}
