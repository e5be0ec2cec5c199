package network.mira.node.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.CommitCertificate;
import network.mira.rpc.v1.CommitSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mira block HEIGHT}: a block's header, transactions and commit certificate. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Show the block at a height.")
final class BlockCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "HEIGHT", converter = Converters.NonNegative.class,
            description = "Block height (0 is genesis).")
    long height;

    BlockCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Block block;
        try (RpcClient rpc = connect()) {
            block = rpc.block(height);
        }
        if (json) {
            printJson(json(block));
            return ExitCodes.OK;
        }
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("height", Long.toUnsignedString(block.getHeight()));
        fields.put("hash", block.getHash());
        fields.put("parent hash", block.getParentHash());
        fields.put("state root", block.getStateRoot());
        fields.put("transactions root", block.getTransactionsRoot());
        fields.put("time", Instant.ofEpochMilli(block.getTimestampMs()) + " (" + block.getTimestampMs() + " ms)");
        fields.put("proposer", block.getProposer());
        fields.put("validator set", block.getValidatorSetHash());
        fields.put("commitment", String.valueOf(CommitmentLevel.display(block.getCommitment())));
        if (block.hasCertificate()) {
            CommitCertificate certificate = block.getCertificate();
            fields.put("certificate", "round " + certificate.getRound() + ", "
                    + certificate.getSignaturesCount() + " signature(s)");
        }
        fields.put("transactions", block.getSignaturesCount());
        fields.put("evidence", block.getEvidenceCount());
        printFields(fields);
        for (String signature : block.getSignaturesList()) {
            printLine("  " + signature);
        }
        return ExitCodes.OK;
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
