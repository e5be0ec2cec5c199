package network.mira.settlement.faucet;

/** An airdrop the faucet will not make, with a stable reason. */
public final class FaucetRefusedException extends Exception {
    public enum Reason { DISABLED, AMOUNT_INVALID, RATE_LIMITED, REFUSED_BY_MEMPOOL }

    private final Reason reason;
    private final java.util.Optional<network.mira.settlement.mempool.RefusalReason> mempoolReason;

    public FaucetRefusedException(Reason reason, String message) {
        this(reason, java.util.Optional.empty(), message);
    }

    public FaucetRefusedException(Reason reason, java.util.Optional<network.mira.settlement.mempool.RefusalReason> mempoolReason,
                                  String message) {
        super(message);
        this.reason = reason;
        this.mempoolReason = mempoolReason;
    }

    public Reason reason() {
        return reason;
    }

    /** For REFUSED_BY_MEMPOOL: why admission refused the faucet's transfer. */
    public java.util.Optional<network.mira.settlement.mempool.RefusalReason> mempoolReason() {
        return mempoolReason;
    }
}
