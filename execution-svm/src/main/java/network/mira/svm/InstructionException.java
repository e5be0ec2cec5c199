package network.mira.svm;

/** An instruction that cannot complete; it fails the whole transaction. */
public final class InstructionException extends Exception {
    private final String code;

    public InstructionException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
