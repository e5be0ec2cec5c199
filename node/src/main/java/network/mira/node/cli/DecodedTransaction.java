package network.mira.node.cli;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageHeader;
import network.mira.core.tx.MessageVersion;
import network.mira.core.tx.Transaction;
import network.mira.svm.program.InstructionDescriber;

/**
 * A decoded transaction as data for {@code tx decode}: everything in the wire bytes, each signature
 * checked against the message, and each instruction described by its program's decoder. Offline:
 * nothing here asks a node.
 */
final class DecodedTransaction {
    private DecodedTransaction() {}

    static LinkedHashMap<String, Object> describe(Transaction transaction, int sizeBytes) {
        Message message = transaction.message();
        List<PublicKey> keys = message.accountKeys();
        List<Boolean> valid = transaction.verifySignatures();

        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("signature", transaction.id().toBase58());
        out.put("version", message.version() == MessageVersion.V0 ? "v0" : "legacy");
        out.put("size", sizeBytes);
        out.put("signatures_valid", valid.stream().allMatch(Boolean::booleanValue));

        List<Object> signatures = new ArrayList<>();
        for (int i = 0; i < transaction.signatures().size(); i++) {
            LinkedHashMap<String, Object> signature = new LinkedHashMap<>();
            signature.put("signature", transaction.signatures().get(i).toBase58());
            signature.put("pubkey", keys.get(i).toBase58());
            signature.put("valid", valid.get(i));
            signatures.add(signature);
        }
        out.put("signatures", signatures);

        MessageHeader header = message.header();
        LinkedHashMap<String, Object> headerOut = new LinkedHashMap<>();
        headerOut.put("num_required_signatures", header.numRequiredSignatures());
        headerOut.put("num_readonly_signed_accounts", header.numReadonlySignedAccounts());
        headerOut.put("num_readonly_unsigned_accounts", header.numReadonlyUnsignedAccounts());
        out.put("header", headerOut);

        List<Object> accountKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            LinkedHashMap<String, Object> key = new LinkedHashMap<>();
            key.put("pubkey", keys.get(i).toBase58());
            key.put("signer", message.isSigner(i));
            key.put("writable", message.isWritable(i));
            accountKeys.add(key);
        }
        out.put("account_keys", accountKeys);
        out.put("fee_payer", message.feePayer().toBase58());
        out.put("recent_blockhash", message.recentBlockhash().toBase58());

        List<Object> instructions = new ArrayList<>();
        for (CompiledInstruction instruction : message.instructions()) {
            PublicKey programId = message.programId(instruction);
            byte[] data = instruction.data();
            LinkedHashMap<String, Object> parsed = InstructionDescriber.describe(programId, data);
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>();
            entry.put("program_id", programId.toBase58());
            entry.put("program", parsed.get("program"));
            List<String> accounts = new ArrayList<>(instruction.accountCount());
            for (int position = 0; position < instruction.accountCount(); position++) {
                accounts.add(keys.get(instruction.accountIndex(position)).toBase58());
            }
            entry.put("accounts", accounts);
            entry.put("data_base64", Base64.getEncoder().encodeToString(data));
            entry.put("parsed", parsed);
            instructions.add(entry);
        }
        out.put("instructions", instructions);
        return out;
    }

    /** The same content as readable text lines. */
    @SuppressWarnings("unchecked")
    static List<String> text(Map<String, Object> decoded) {
        List<String> lines = new ArrayList<>();
        lines.add("signature:        " + decoded.get("signature"));
        lines.add("version:          " + decoded.get("version") + " (" + decoded.get("size") + " bytes)");
        lines.add("recent blockhash: " + decoded.get("recent_blockhash"));
        lines.add("fee payer:        " + decoded.get("fee_payer"));
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) decoded.get("signatures");
        lines.add("signatures:       " + signatures.size() + ((Boolean) decoded.get("signatures_valid")
                ? ", all valid" : ", NOT ALL VALID"));
        for (int i = 0; i < signatures.size(); i++) {
            Map<String, Object> signature = signatures.get(i);
            lines.add("  [" + i + "] " + signature.get("signature") + "  "
                    + ((Boolean) signature.get("valid") ? "valid" : "INVALID") + " for " + signature.get("pubkey"));
        }
        List<Map<String, Object>> keys = (List<Map<String, Object>>) decoded.get("account_keys");
        lines.add("account keys:     " + keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> key = keys.get(i);
            List<String> roles = new ArrayList<>();
            if ((Boolean) key.get("signer")) {
                roles.add("signer");
            }
            roles.add((Boolean) key.get("writable") ? "writable" : "read-only");
            lines.add("  [" + i + "] " + key.get("pubkey") + "  " + String.join(", ", roles));
        }
        List<Map<String, Object>> instructions = (List<Map<String, Object>>) decoded.get("instructions");
        lines.add("instructions:     " + instructions.size());
        for (int i = 0; i < instructions.size(); i++) {
            Map<String, Object> instruction = instructions.get(i);
            Map<String, Object> parsed = (Map<String, Object>) instruction.get("parsed");
            StringBuilder fields = new StringBuilder();
            for (Map.Entry<String, Object> field : parsed.entrySet()) {
                if (!field.getKey().equals("program") && !field.getKey().equals("type")) {
                    fields.append(fields.length() == 0 ? " " : ", ").append(field.getKey()).append('=')
                            .append(field.getValue());
                }
            }
            lines.add("  [" + i + "] " + parsed.get("program") + " " + parsed.get("type") + fields);
            lines.add("      program:  " + instruction.get("program_id"));
            lines.add("      accounts: " + String.join(", ", (List<String>) instruction.get("accounts")));
            lines.add("      data:     " + instruction.get("data_base64") + " (base64)");
        }
        return lines;
    }
}
