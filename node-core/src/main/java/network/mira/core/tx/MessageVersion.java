package network.mira.core.tx;

/**
 * Solana message formats we accept. A versioned message starts with a byte whose high bit is set
 * (0x80 | version); a legacy message starts directly with its header, whose first byte (the
 * signature count) is therefore below 128.
 */
public enum MessageVersion {
    LEGACY,
    V0;

    /** High bit that marks a versioned message's first byte. */
    static final int VERSION_PREFIX_MASK = 0x80;
}
