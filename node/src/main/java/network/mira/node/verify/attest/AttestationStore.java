package network.mira.node.verify.attest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.claims.ClaimLimits;

/**
 * The durable record of this validator's attestations, one file per request in
 * {@code <data-dir>/verification/attestations}, named by the request account. A seat is written before
 * its commitment is submitted and never changed afterwards: after a crash the node reveals exactly what
 * it committed, and never commits a second, different attestation for the seat (which the program
 * would slash as equivocation). Each write goes to a temporary file that is fsynced and then moved over
 * the old one, and the directory is fsynced, so a file is either the old or the new content.
 * <p>
 * File: u32 magic ‖ u8 version ‖ request 32 ‖ u64 reveal deadline ‖ u32 seats ‖ attestation* ‖ u32
 * CRC-32C of everything before it. Not thread-safe: the attestor's one thread owns it.
 */
public final class AttestationStore {
    private static final int MAGIC = 0x4d415454; // "MATT"
    private static final int VERSION = 1;
    private static final String SUFFIX = ".att";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path directory;
    private final Map<PublicKey, Map<Integer, SeatAttestation>> byRequest = new HashMap<>();

    private AttestationStore(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens (creating) the store and reads every record; leftover temporary files of an interrupted write
     * are deleted (the move never happened, so the old file is the truth).
     *
     * @throws IOException            when the directory cannot be read or created
     * @throws AttestationStoreException naming the file when a record is corrupt
     */
    public static AttestationStore open(Path directory) throws IOException {
        Files.createDirectories(directory);
        AttestationStore store = new AttestationStore(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    Files.delete(file);
                } else if (name.endsWith(SUFFIX)) {
                    List<SeatAttestation> seats = decode(file, Files.readAllBytes(file));
                    if (!seats.isEmpty()) {
                        store.remember(seats);
                    }
                }
            }
        }
        return store;
    }

    /** The seats recorded for {@code request}, by claim index; empty when none. */
    public Map<Integer, SeatAttestation> seats(PublicKey request) {
        return Collections.unmodifiableMap(new TreeMap<>(byRequest.getOrDefault(request, Map.of())));
    }

    public Set<PublicKey> requests() {
        return Set.copyOf(byRequest.keySet());
    }

    /**
     * Adds seats of one request and makes them durable before returning. A seat already recorded with the
     * same attestation is left as it is; one recorded with a different attestation is refused, because
     * overwriting it would let the node commit twice differently.
     *
     * @throws IllegalArgumentException when the seats are of several requests or contradict a record
     */
    public void put(List<SeatAttestation> seats) throws IOException {
        if (seats.isEmpty()) {
            return;
        }
        PublicKey request = seats.get(0).request();
        Map<Integer, SeatAttestation> merged = new TreeMap<>(byRequest.getOrDefault(request, Map.of()));
        boolean changed = false;
        for (SeatAttestation seat : seats) {
            if (!seat.request().equals(request)) {
                throw new IllegalArgumentException("one put is one request: " + request + " and " + seat.request());
            }
            SeatAttestation existing = merged.get(seat.claimIndex());
            if (existing == null) {
                merged.put(seat.claimIndex(), seat);
                changed = true;
            } else if (!existing.attestation().equals(seat.attestation())) {
                throw new IllegalArgumentException("claim " + seat.claimIndex() + " of request " + request
                        + " is already recorded with another attestation; it must never be replaced");
            }
        }
        if (changed) {
            writeAtomically(file(request), encode(request, List.copyOf(merged.values())));
            byRequest.put(request, merged);
        }
    }

    /** Forgets a request whose reveal window is over. */
    public void delete(PublicKey request) throws IOException {
        Files.deleteIfExists(file(request));
        fsyncDirectory();
        byRequest.remove(request);
    }

    private void remember(List<SeatAttestation> seats) {
        Map<Integer, SeatAttestation> map = new TreeMap<>();
        seats.forEach(seat -> map.put(seat.claimIndex(), seat));
        byRequest.put(seats.get(0).request(), map);
    }

    private Path file(PublicKey request) {
        return directory.resolve(request + SUFFIX);
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + directory + " cannot rename atomically; the attestation "
                    + "store needs it to survive a crash", e);
        }
        fsyncDirectory();
    }

    /** The rename is durable only once the directory entry is; not every platform can open a directory. */
    private void fsyncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                throw e;
            }
        }
    }

    static byte[] encode(PublicKey request, List<SeatAttestation> seats) {
        long revealDeadline = seats.get(0).revealDeadline();
        ByteWriter out = new ByteWriter(64 + seats.size() * Attestation.ENCODED_LENGTH).u32(MAGIC).u8(VERSION)
                .raw(request.bytes()).u64(revealDeadline).u32(seats.size());
        for (SeatAttestation seat : seats) {
            if (seat.revealDeadline() != revealDeadline) {
                throw new IllegalArgumentException("seats of one request have one reveal deadline");
            }
            out.raw(seat.attestation().encode());
        }
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        return new ByteWriter(body.length + 4).raw(body).u32(crc.getValue()).toByteArray();
    }

    static List<SeatAttestation> decode(Path file, byte[] bytes) {
        try {
            if (bytes.length < 4) {
                throw new DecodeException("shorter than its checksum");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            ByteReader in = new ByteReader(bytes);
            if (in.u32("magic") != MAGIC || in.u8("version") != VERSION) {
                throw new DecodeException("not an attestation record of version " + VERSION);
            }
            PublicKey request = PublicKey.wrap(in.raw(PublicKey.LENGTH, "request"));
            long revealDeadline = in.u64("reveal deadline");
            long count = in.u32("seat count");
            if (count > ClaimLimits.MAX_CLAIMS) {
                throw new DecodeException(count + " seats, at most " + ClaimLimits.MAX_CLAIMS);
            }
            List<SeatAttestation> seats = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                seats.add(new SeatAttestation(request, revealDeadline,
                        Attestation.decode(in.raw(Attestation.ENCODED_LENGTH, "attestation " + i))));
            }
            if (in.u32("checksum") != crc.getValue()) {
                throw new DecodeException("checksum mismatch");
            }
            in.expectEnd("attestation record");
            if (!file.getFileName().toString().equals(request + SUFFIX)) {
                throw new DecodeException("holds request " + request + ", not the one it is named after");
            }
            return seats;
        } catch (DecodeException | IllegalArgumentException e) {
            throw new AttestationStoreException("attestation record " + file + " is corrupt: " + e.getMessage()
                    + "; restore it from a backup of the data dir (deleting it risks a slash for no reveal)");
        }
    }

    /** A record on disk that does not decode: the store refuses to start rather than forget a commitment. */
    public static final class AttestationStoreException extends UncheckedIOException {
        AttestationStoreException(String message) {
            super(message, new IOException(message));
        }
    }
}
