package network.mira.settlement.bft.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consensus write-ahead log, in the manner of CometBFT's: every record is framed as
 * {@code length (u32 BE) | CRC32C of the payload (u32 BE) | payload}, appended, and — for the
 * node's own proposals and votes — fsynced before the message is acted on. A crash can only tear
 * the last frame; {@link #open} finds the longest prefix of whole, checksummed frames, cuts the
 * torn tail off and hands back those records, so a restarted validator resumes the height it was
 * in. The log holds one height: {@link #reset} empties it once that height is finalized on disk.
 */
public final class ConsensusWal implements ConsensusLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusWal.class);
    /**
     * Above the largest block a proposal record carries (100,000 transactions of 1,232 bytes); a
     * larger length means a torn or foreign file.
     */
    public static final int MAX_RECORD_BYTES = 128 << 20;
    private static final int HEADER_BYTES = 8;

    private final Path file;
    private final FileChannel channel;
    private final List<byte[]> recovered;

    private ConsensusWal(Path file, FileChannel channel, List<byte[]> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = recovered;
    }

    /** Opens (creating if needed) and recovers the whole records; a torn tail is truncated away. */
    public static ConsensusWal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            List<byte[]> records = new ArrayList<>();
            long good = readWholeRecords(channel, records);
            if (good < channel.size()) {
                LOG.warn("consensus WAL {}: dropping {} bytes of a torn last record", file, channel.size() - good);
                channel.truncate(good);
                channel.force(true);
            }
            channel.position(good);
            return new ConsensusWal(file, channel, List.copyOf(records));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public List<byte[]> recovered() {
        return recovered;
    }

    /**
     * Appends one record. With {@code sync} the record is on disk when this returns: use it for
     * everything this node signs, before the signed message leaves the process.
     */
    @Override
    public synchronized void append(byte[] payload, boolean sync) throws IOException {
        if (payload.length == 0 || payload.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("WAL record must be 1.." + MAX_RECORD_BYTES + " bytes, got "
                    + payload.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        frame.putInt(payload.length).putInt((int) crc(payload)).put(payload).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        if (sync) {
            channel.force(false);
        }
    }

    @Override
    public synchronized void sync() throws IOException {
        channel.force(false);
    }

    /**
     * Not fsynced: if a crash undoes the truncation, the records are of a height the ledger has
     * already finalized, and recovery skips records of any height but the next one.
     */
    @Override
    public synchronized void reset() throws IOException {
        channel.truncate(0);
        channel.position(0);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
    }

    /** Reads frames from the start; returns the offset just past the last whole, valid one. */
    private static long readWholeRecords(FileChannel channel, List<byte[]> records) throws IOException {
        long size = channel.size();
        long offset = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (size - offset >= HEADER_BYTES) {
            header.clear();
            readFully(channel, header, offset);
            header.flip();
            int length = header.getInt();
            long expectedCrc = header.getInt() & 0xFFFF_FFFFL;
            if (length <= 0 || length > MAX_RECORD_BYTES || size - offset - HEADER_BYTES < length) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, offset + HEADER_BYTES);
            if (crc(payload.array()) != expectedCrc) {
                break;
            }
            records.add(payload.array());
            offset += HEADER_BYTES + length;
        }
        return offset;
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new IOException("unexpected end of WAL at " + at);
            }
            at += read;
        }
    }

    private static long crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return crc.getValue();
    }
}
