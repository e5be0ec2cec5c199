package network.mira.svm;

import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.InstructionDecodeException;

/**
 * A program built into the node. Programs only see the accounts the instruction declared, through
 * {@link InvokeContext}; the runtime checks afterwards that they kept Solana's account rules.
 */
public interface NativeProgram {
    PublicKey id();

    /** Cheap, stateless check used by admission so malformed instruction data is refused early. */
    void validate(byte[] instructionData) throws InstructionDecodeException;

    void execute(InvokeContext context) throws InstructionException;

    /**
     * Compute units charged before each instruction of this program runs; the built-in programs'
     * costs are Solana's, listed in {@link network.mira.svm.compute.CostTable}. Empty means the
     * program has no price, and the executor refuses to run it.
     */
    default java.util.OptionalLong computeUnitsPerInstruction() {
        return network.mira.svm.compute.CostTable.unitsFor(id());
    }

    /**
     * Whether this program may run other programs' instructions with signatures it grants
     * ({@link InvokeContext#invoke}): true only for a program that enforces on chain whose authority
     * it lends (the session program). Everything else invokes, if at all, with the signatures the
     * transaction carries.
     */
    default boolean mayGrantSignatures() {
        return false;
    }
}
