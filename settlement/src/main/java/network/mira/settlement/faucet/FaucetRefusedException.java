package network.mira.settlement.faucet;

/** An airdrop the faucet will not make, with a stable reason. */
public final class FaucetRefusedException extends Exception {
    public enum Reason { DISABLED, AMOUNT_INVALID, RATE_LIMITED, REFUSED_BY_MEMPOOL }

    private final Reason reason;

    public FaucetRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
