package network.mira.node.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.CommitCertificate;
import network.mira.rpc.v1.CommitSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mira block HEIGHT [--verify]}: a block's header, transactions and commit certificate, and with
 * {@code --verify} the light-client check of {@link BlockVerification}.
 */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Show the block at a height.")
final class BlockCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HEIGHT", converter = Converters.NonNegative.class,
            description = "Block height (0 is genesis).")
    long height;

    @Option(names = "--verify", description = "Check the block here: its header fields hash to its hash, the "
            + "validator set of its height (hashed here from its members) is the one the header names, and its "
            + "certificate is a quorum of that set's valid Ed25519 precommits. Exit 1 when it does not verify.")
    boolean verify;

    BlockCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Block block;
        Optional<BlockVerification.Outcome> verification = Optional.empty();
        try (RpcClient rpc = connect()) {
            block = rpc.block(height);
            if (verify) {
                verification = Optional.of(BlockVerification.verify(rpc.nodeStatus().getChainId(), block,
                        rpc.validatorSet(height)));
            }
        }
        if (json) {
            LinkedHashMap<String, Object> out = json(block);
            verification.ifPresent(outcome -> {
                out.put("verified", outcome.verified());
                out.put("verification_error", outcome.error().orElse(null));
            });
            printJson(out);
        } else {
            printText(block, verification);
        }
        if (verification.isPresent() && !verification.get().verified()) {
            err().println("error: block " + height + " does not verify: " + verification.get().error().orElseThrow());
            err().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private void printText(Block block, Optional<BlockVerification.Outcome> verification) {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("height", Long.toUnsignedString(block.getHeight()));
        fields.put("hash", block.getHash());
        fields.put("parent hash", block.getParentHash());
        fields.put("state root", block.getStateRoot());
        fields.put("transactions root", block.getTransactionsRoot());
        fields.put("time", Instant.ofEpochMilli(block.getTimestampMs()) + " (" + block.getTimestampMs() + " ms)");
        fields.put("proposer", block.getProposer());
        fields.put("validator set", block.getValidatorSetHash());
        fields.put("next set", block.getNextValidatorSetHash());
        fields.put("commitment", String.valueOf(CommitmentLevel.display(block.getCommitment())));
        if (block.hasCertificate()) {
            CommitCertificate certificate = block.getCertificate();
            String summary = "round " + certificate.getRound() + ", " + certificate.getSignaturesCount()
                    + " signature(s)";
            fields.put("certificate", verification.map(outcome -> verified(outcome, certificate.getRound()))
                    .orElse(summary));
        } else {
            verification.ifPresent(outcome -> fields.put("certificate", verified(outcome, 0)));
        }
        fields.put("last commit", block.hasLastCommit() ? "height " + Long.toUnsignedString(block.getLastCommit()
                .getHeight()) + ", " + block.getLastCommit().getSignaturesCount() + " signature(s)" : "none");
        fields.put("transactions", block.getSignaturesCount());
        fields.put("evidence", block.getEvidenceCount());
        printFields(fields);
        for (String signature : block.getSignaturesList()) {
            printLine("  " + signature);
        }
    }

    private static String verified(BlockVerification.Outcome outcome, int round) {
        if (!outcome.verified()) {
            return "NOT verified: " + outcome.error().orElseThrow();
        }
        return "verified (" + outcome.signers() + " of " + outcome.validators() + " validators, "
                + outcome.signedPower() + " of " + outcome.totalPower() + " voting power), round "
                + Integer.toUnsignedString(round);
    }

    static LinkedHashMap<String, Object> json(Block block) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("height", JsonOutput.u64(block.getHeight()));
        out.put("hash", block.getHash());
        out.put("parent_hash", block.getParentHash());
        out.put("state_root", block.getStateRoot());
        out.put("transactions_root", block.getTransactionsRoot());
        out.put("timestamp_ms", JsonOutput.u64(block.getTimestampMs()));
        out.put("proposer", block.getProposer());
        out.put("validator_set_hash", block.getValidatorSetHash());
        out.put("next_validator_set_hash", block.getNextValidatorSetHash());
        out.put("commitment", CommitmentLevel.display(block.getCommitment()));
        out.put("transaction_count", block.getTransactionsCount());
        List<Object> transactions = new ArrayList<>();
        for (int i = 0; i < block.getTransactionsCount(); i++) {
            LinkedHashMap<String, Object> transaction = new LinkedHashMap<>();
            transaction.put("signature", i < block.getSignaturesCount() ? block.getSignatures(i) : null);
            transaction.put("tx_base64", Base64.getEncoder().encodeToString(block.getTransactions(i).toByteArray()));
            transactions.add(transaction);
        }
        out.put("transactions", transactions);
        out.put("evidence_count", block.getEvidenceCount());
        List<Object> evidence = new ArrayList<>();
        block.getIncludedEvidenceList().forEach(item -> evidence.add(item.getHash()));
        out.put("evidence", evidence);
        out.put("certificate", block.hasCertificate() ? certificate(block.getCertificate()) : null);
        out.put("last_commit_hash", block.getLastCommitHash());
        out.put("last_commit", block.hasLastCommit() ? certificate(block.getLastCommit()) : null);
        return out;
    }

    private static LinkedHashMap<String, Object> certificate(CommitCertificate certificate) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("height", JsonOutput.u64(certificate.getHeight()));
        out.put("round", JsonOutput.u32(certificate.getRound()));
        out.put("block_hash", certificate.getBlockHash());
        out.put("state_root", certificate.getStateRoot());
        List<Object> signatures = new ArrayList<>();
        for (CommitSignature signature : certificate.getSignaturesList()) {
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>();
            entry.put("validator", signature.getValidator());
            entry.put("signature", signature.getSignature());
            signatures.add(entry);
        }
        out.put("signatures", signatures);
        return out;
    }
}
