package network.mira.svm.program;

import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.computebudget.ComputeBudgetInstruction;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemInstruction;
import network.mira.svm.program.system.SystemProgram;

/**
 * Instruction data as a flat, ordered map for people and JSON output (CLI, RPC, logs): "program",
 * "type", then the fields in snake_case. Never throws for bad data: undecodable data is described
 * as type "invalid" with the decoder's error, because a display must show what was sent.
 */
public final class InstructionDescriber {
    private InstructionDescriber() {}

    public static LinkedHashMap<String, Object> describe(PublicKey programId, byte[] data) {
        if (SystemProgram.ID.equals(programId)) {
            return describeSystem(data);
        }
        if (ComputeBudgetProgram.ID.equals(programId)) {
            return describeComputeBudget(data);
        }
        LinkedHashMap<String, Object> out = start("unknown", "unknown");
        out.put("program_id", programId.toBase58());
        out.put("data_base64", Base64.getEncoder().encodeToString(data));
        return out;
    }

    private static LinkedHashMap<String, Object> describeSystem(byte[] data) {
        SystemInstruction instruction;
        try {
            instruction = SystemInstruction.decode(data);
        } catch (InstructionDecodeException e) {
            return invalid("system", e);
        }
        if (instruction instanceof SystemInstruction.CreateAccount create) {
            LinkedHashMap<String, Object> out = start("system", "create_account");
            out.put("lamports", unsigned(create.lamports()));
            out.put("space", unsigned(create.space()));
            out.put("owner", create.owner().toBase58());
            return out;
        }
        if (instruction instanceof SystemInstruction.Assign assign) {
            LinkedHashMap<String, Object> out = start("system", "assign");
            out.put("owner", assign.owner().toBase58());
            return out;
        }
        if (instruction instanceof SystemInstruction.Transfer transfer) {
            LinkedHashMap<String, Object> out = start("system", "transfer");
            out.put("lamports", unsigned(transfer.lamports()));
            return out;
        }
        SystemInstruction.Allocate allocate = (SystemInstruction.Allocate) instruction;
        LinkedHashMap<String, Object> out = start("system", "allocate");
        out.put("space", unsigned(allocate.space()));
        return out;
    }

    private static LinkedHashMap<String, Object> describeComputeBudget(byte[] data) {
        ComputeBudgetInstruction instruction;
        try {
            instruction = ComputeBudgetInstruction.decode(data);
        } catch (InstructionDecodeException e) {
            return invalid("compute_budget", e);
        }
        if (instruction instanceof ComputeBudgetInstruction.RequestHeapFrame heap) {
            LinkedHashMap<String, Object> out = start("compute_budget", "request_heap_frame");
            out.put("bytes", heap.bytes());
            return out;
        }
        if (instruction instanceof ComputeBudgetInstruction.SetComputeUnitLimit limit) {
            LinkedHashMap<String, Object> out = start("compute_budget", "set_compute_unit_limit");
            out.put("units", limit.units());
            return out;
        }
        if (instruction instanceof ComputeBudgetInstruction.SetComputeUnitPrice price) {
            LinkedHashMap<String, Object> out = start("compute_budget", "set_compute_unit_price");
            out.put("micro_lamports", unsigned(price.microLamports()));
            return out;
        }
        ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit limit =
                (ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit) instruction;
        LinkedHashMap<String, Object> out = start("compute_budget", "set_loaded_accounts_data_size_limit");
        out.put("bytes", limit.bytes());
        return out;
    }

    private static LinkedHashMap<String, Object> start(String program, String type) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("program", program);
        out.put("type", type);
        return out;
    }

    private static LinkedHashMap<String, Object> invalid(String program, InstructionDecodeException error) {
        LinkedHashMap<String, Object> out = start(program, "invalid");
        out.put("error", error.getMessage());
        return out;
    }

    /** u64 values keep their bits in a long; show values of 2^63 and above as the unsigned number. */
    private static Object unsigned(long value) {
        return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
    }
}
