package network.mira.settlement.signer;

/** The signer refused: the request regresses or conflicts with an earlier signature. */
public final class DoubleSignRefusedException extends Exception {
    public DoubleSignRefusedException(String message) {
        super(message);
    }
}
