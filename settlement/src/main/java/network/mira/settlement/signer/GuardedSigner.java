package network.mira.settlement.signer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * Double-sign protection in the manner of CometBFT's file private validator: before a signature
 * leaves this class, (height, round, step, sign bytes, signature) is written to a file and fsynced
 * (temp file, fsync, atomic rename, fsync of the directory). A request that goes backwards is
 * refused; the same request again gets back the identical signature.
 */
public final class GuardedSigner implements ConsensusSigner {
    private static final int MAX_SIGN_BYTES = 4096;

    private final KeyPair key;
    private final Path stateFile;
    private Record last;

    private record Record(long height, int round, VoteStep step, byte[] signBytes, Signature signature) {}

    private GuardedSigner(KeyPair key, Path stateFile, Record last) {
        this.key = key;
        this.stateFile = stateFile;
        this.last = last;
    }

    /** @throws IOException if the state file exists but cannot be read or is corrupt */
    public static GuardedSigner open(KeyPair key, Path stateFile) throws IOException {
        Record last = Files.exists(stateFile) ? read(stateFile) : null;
        return new GuardedSigner(key, stateFile, last);
    }

    @Override
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public synchronized Optional<LastSigned> lastSigned() {
        return last == null ? Optional.empty() : Optional.of(new LastSigned(last.height, last.round, last.step));
    }

    @Override
    public synchronized Signature sign(long height, int round, VoteStep step, byte[] signBytes)
            throws DoubleSignRefusedException {
        if (last != null) {
            int order = compare(height, round, step, last);
            if (order < 0) {
                throw new DoubleSignRefusedException("refusing to sign " + describe(height, round, step)
                        + ": already signed " + describe(last.height, last.round, last.step));
            }
            if (order == 0) {
                if (Arrays.equals(signBytes, last.signBytes)) {
                    return last.signature;
                }
                throw new DoubleSignRefusedException("refusing to sign different bytes at "
                        + describe(height, round, step) + " (signed " + Hash.sha256(last.signBytes) + " before)");
            }
        }
        Signature signature = key.sign(signBytes);
        Record next = new Record(height, round, step, signBytes.clone(), signature);
        try {
            persist(next);
        } catch (IOException e) {
            // Without the durable record the signature must not leave: a crash could lead to a second one.
            throw new IllegalStateException("cannot persist last-sign state to " + stateFile + ": " + e.getMessage(), e);
        }
        last = next;
        return signature;
    }

    private static int compare(long height, int round, VoteStep step, Record record) {
        int byHeight = Long.compare(height, record.height);
        if (byHeight != 0) {
            return byHeight;
        }
        int byRound = Integer.compare(round, record.round);
        return byRound != 0 ? byRound : Integer.compare(step.code(), record.step.code());
    }

    private static String describe(long height, int round, VoteStep step) {
        return "height " + height + " round " + round + " " + step;
    }

    private void persist(Record record) throws IOException {
        byte[] bytes = new ByteWriter(256)
                .u64(record.height).u32(record.round).u8(record.step.code())
                .bytes(record.signBytes).raw(record.signature.bytes())
                .toByteArray();
        byte[] framed = new ByteWriter(bytes.length + 40).raw(Hash.sha256(bytes).bytes()).raw(bytes).toByteArray();
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(framed));
            channel.force(true);
        }
        try {
            Files.move(temp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel directory = FileChannel.open(stateFile.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename itself is still atomic.
        }
    }

    private static Record read(Path file) throws IOException {
        byte[] framed = Files.readAllBytes(file);
        if (framed.length < Hash.LENGTH) {
            throw new IOException("last-sign state " + file + " is truncated");
        }
        byte[] body = Arrays.copyOfRange(framed, Hash.LENGTH, framed.length);
        if (!Hash.sha256(body).equals(Hash.wrap(Arrays.copyOf(framed, Hash.LENGTH)))) {
            throw new IOException("last-sign state " + file + " fails its checksum; refusing to sign until an "
                    + "operator restores or removes it (see docs/operations.md)");
        }
        try {
            ByteReader reader = new ByteReader(body);
            long height = reader.u64("height");
            int round = (int) reader.u32("round");
            int code = reader.u8("step");
            VoteStep step = Arrays.stream(VoteStep.values()).filter(s -> s.code() == code).findFirst()
                    .orElseThrow(() -> new DecodeException("unknown step " + code));
            byte[] signBytes = reader.bytes(MAX_SIGN_BYTES, "sign bytes");
            Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "signature"));
            reader.expectEnd("last-sign state");
            return new Record(height, round, step, signBytes, signature);
        } catch (DecodeException e) {
            throw new IOException("last-sign state " + file + " is corrupt: " + e.getMessage(), e);
        }
    }
}
