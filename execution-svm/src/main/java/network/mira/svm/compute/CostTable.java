package network.mira.svm.compute;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;

/**
 * The compute units each native program's instruction costs, charged before it runs. Fixed and
 * part of consensus: changing an entry changes which transactions fit their limits. The values
 * are Solana's builtin costs:
 *
 * <table>
 *   <caption>Units per instruction</caption>
 *   <tr><th>program</th><th>units</th></tr>
 *   <tr><td>System ({@code 11111111111111111111111111111111})</td><td>150</td></tr>
 *   <tr><td>Compute Budget ({@code ComputeBudget111111111111111111111111111111})</td><td>150</td></tr>
 * </table>
 *
 * A program may charge more while it runs ({@code InvokeContext.consumeCompute}). A program id not
 * in the table has no cost because it does not exist: the executor fails such an instruction with
 * UNKNOWN_PROGRAM, and refuses at start-up to run a registered program that has no entry here.
 */
public final class CostTable {
    public static final long SYSTEM_PROGRAM_UNITS = 150;
    public static final long COMPUTE_BUDGET_PROGRAM_UNITS = 150;

    private static final Map<PublicKey, Long> UNITS = new TreeMap<>(Map.of(
            SystemProgram.ID, SYSTEM_PROGRAM_UNITS,
            ComputeBudgetProgram.ID, COMPUTE_BUDGET_PROGRAM_UNITS));

    private CostTable() {}

    /** Units charged before each instruction of {@code programId}; empty for a program not in the table. */
    public static OptionalLong unitsFor(PublicKey programId) {
        Long units = UNITS.get(programId);
        return units == null ? OptionalLong.empty() : OptionalLong.of(units);
    }

    /** The programs the table prices. */
    public static Set<PublicKey> programs() {
        return java.util.Collections.unmodifiableSet(UNITS.keySet());
    }
}
