package network.mira.settlement.bft.wal;

import java.io.IOException;
import java.util.List;

/** The consensus engine's view of its write-ahead log; {@link ConsensusWal} is the durable one. */
public interface ConsensusLog {
    /** The records that were in the log when it was opened, oldest first. */
    List<byte[]> recovered();

    /** Appends one record; with {@code sync} it and everything before it are on disk on return. */
    void append(byte[] payload, boolean sync) throws IOException;

    /** Makes every record appended so far durable. */
    void sync() throws IOException;

    /** Empties the log: the height it described is finalized and durable elsewhere. */
    void reset() throws IOException;
}
