package network.mira.svm;

/**
 * Why an included transaction failed. The code is stable (clients and tests match on it); the
 * message is for people. Failed transactions still pay their fee.
 *
 * @param instructionIndex the failing instruction, or -1 when the failure is not tied to one
 */
public record TransactionError(String code, int instructionIndex, String message) {
    public static TransactionError of(InstructionException e, int instructionIndex) {
        return new TransactionError(e.code(), instructionIndex, e.getMessage());
    }

    @Override
    public String toString() {
        return instructionIndex >= 0
                ? code + " in instruction " + instructionIndex + ": " + message
                : code + ": " + message;
    }
}
