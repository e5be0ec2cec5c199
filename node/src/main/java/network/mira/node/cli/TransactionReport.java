package network.mira.node.cli;

import java.util.LinkedHashMap;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.TransactionState;

/** How a transaction's status is shown by {@code transfer}, {@code airdrop} and {@code tx status}. */
final class TransactionReport {
    private TransactionReport() {}

    static boolean isIncluded(GetTransactionResponse response) {
        return response.getState() == TransactionState.SUCCEEDED || response.getState() == TransactionState.FAILED;
    }

    static String state(GetTransactionResponse response) {
        TransactionState state = response.getState();
        return state == TransactionState.UNRECOGNIZED ? "UNRECOGNIZED(" + response.getStateValue() + ")"
                : state.name();
    }

    /** signature, status, commitment, height, index, fee, block_hash, error (null unless FAILED). */
    static LinkedHashMap<String, Object> json(GetTransactionResponse response) {
        boolean included = isIncluded(response);
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("signature", response.getSignature());
        out.put("status", state(response));
        out.put("commitment", CommitmentLevel.display(response.getCommitment()));
        out.put("height", included ? JsonOutput.u64(response.getHeight()) : null);
        out.put("index", included ? JsonOutput.u32(response.getIndex()) : null);
        out.put("fee", included ? JsonOutput.u64(response.getFee()) : null);
        out.put("compute_units_consumed", included ? JsonOutput.u64(response.getComputeUnitsConsumed()) : null);
        out.put("block_hash", response.getBlockHash().isEmpty() ? null : response.getBlockHash());
        out.put("error", error(response));
        return out;
    }

    static LinkedHashMap<String, Object> error(GetTransactionResponse response) {
        if (!response.hasError()) {
            return null;
        }
        LinkedHashMap<String, Object> error = new LinkedHashMap<>();
        error.put("code", response.getError().getCode());
        error.put("message", response.getError().getMessage());
        int index = response.getError().getInstructionIndex();
        error.put("instruction_index", index < 0 ? null : index);
        return error;
    }

    /** One line: "SUCCEEDED (FINALIZED at height 12, fee 5000 lamports)". */
    static String summary(GetTransactionResponse response) {
        StringBuilder text = new StringBuilder(state(response));
        if (isIncluded(response)) {
            String commitment = CommitmentLevel.display(response.getCommitment());
            text.append(" (").append(commitment == null ? "included" : commitment)
                    .append(" at height ").append(Long.toUnsignedString(response.getHeight()))
                    .append(", fee ").append(Long.toUnsignedString(response.getFee())).append(" lamports)");
        }
        if (response.hasError()) {
            text.append(": ").append(errorText(response));
        }
        return text.toString();
    }

    static String errorText(GetTransactionResponse response) {
        StringBuilder text = new StringBuilder(response.getError().getCode());
        if (!response.getError().getMessage().isEmpty()) {
            text.append(": ").append(response.getError().getMessage());
        }
        if (response.getError().getInstructionIndex() >= 0) {
            text.append(" (instruction ").append(response.getError().getInstructionIndex()).append(')');
        }
        return text.toString();
    }
}
