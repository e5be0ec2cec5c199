package network.mira.svm;

/**
 * A transaction that cannot even be charged (its fee payer cannot pay), so it must not be included
 * in a block at all. Distinct from a failed transaction, which is included and pays its fee.
 */
public final class TransactionRejectedException extends Exception {
    private final String code;

    public TransactionRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
