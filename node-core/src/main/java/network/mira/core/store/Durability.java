package network.mira.core.store;

/** How far a write must have gone before {@link KeyValueStore#write} returns. */
public enum Durability {
    /**
     * The write-ahead log is fsynced before returning: survives power loss. Used for finalized
     * blocks, which must never be lost once announced.
     */
    SYNC,
    /**
     * Written to the log but not fsynced: survives a process crash, not an OS crash or power loss.
     * For data that can be recomputed or refetched.
     */
    ASYNC
}
