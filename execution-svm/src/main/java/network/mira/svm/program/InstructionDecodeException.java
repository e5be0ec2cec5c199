package network.mira.svm.program;

/**
 * Instruction data that a native program cannot decode, or a known instruction we deliberately do
 * not support. The message is precise because admission returns it to the sender.
 */
public final class InstructionDecodeException extends Exception {
    public InstructionDecodeException(String message) {
        super(message);
    }
}
