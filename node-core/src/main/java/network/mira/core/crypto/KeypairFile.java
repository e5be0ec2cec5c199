package network.mira.core.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Key pairs on disk in the Solana CLI format (a JSON array of the 64-byte secret key), so that
 * keys made by {@code solana-keygen} work here and ours work there.
 */
public final class KeypairFile {
    /** A keypair file is about 230 bytes; a much larger file is not one and is not read whole. */
    private static final long MAX_FILE_BYTES = 16 * 1024;

    private KeypairFile() {}

    /**
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read or is not a regular file
     * @throws IllegalArgumentException if the content is not a valid keypair; the message names the path
     */
    public static KeyPair read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "keypair file does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("keypair file " + path + " is not a regular file");
        }
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("keypair file " + path + " is " + size
                    + " bytes, too large to be a keypair (at most " + MAX_FILE_BYTES + ")");
        }
        byte[] raw = Files.readAllBytes(path);
        byte[] secretKey = null;
        try {
            secretKey = KeypairJson.parse(new String(raw, StandardCharsets.UTF_8));
            return KeyPair.fromSolanaSecretKey(secretKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("keypair file " + path + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (secretKey != null) {
                Arrays.fill(secretKey, (byte) 0);
            }
        }
    }

    /** Writes a new file; refuses to replace an existing one. */
    public static void write(Path path, KeyPair keyPair) throws IOException {
        write(path, keyPair, false);
    }

    /**
     * Writes atomically: a reader (or a crash) sees either the old file or the complete new one,
     * never a half-written secret. The file is readable by its owner only where the file system
     * has POSIX permissions.
     *
     * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path path, KeyPair keyPair, boolean overwrite) throws IOException {
        Path target = path.toAbsolutePath();
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refusal(target);
        }
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(String.valueOf(directory), null,
                    "directory for keypair file " + target + " does not exist");
        }
        byte[] secretKey = keyPair.toSolanaSecretKey();
        byte[] content = KeypairJson.format(secretKey).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(secretKey, (byte) 0);
        Path temporary = createOwnerOnlyFile(directory, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (overwrite) {
                replace(temporary, target);
            } else {
                publishWithoutReplacing(temporary, target);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    /** Same directory as the target, so the final rename or link never crosses file systems. */
    private static Path createOwnerOnlyFile(Path directory, String name) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            return Files.createTempFile(directory, "." + name + ".", ".tmp", ownerOnly);
        }
        return Files.createTempFile(directory, "." + name + ".", ".tmp");
    }

    private static void replace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A hard link is created atomically and fails if the name exists, so a file that appeared
     * since our first check is never clobbered. File systems without hard links fall back to a
     * non-replacing move, which checks and renames in two steps.
     */
    private static void publishWithoutReplacing(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw refusal(target);
        } catch (UnsupportedOperationException | IOException linkNotPossible) {
            try {
                Files.move(temporary, target);
            } catch (FileAlreadyExistsException e) {
                throw refusal(target);
            }
        }
    }

    private static FileAlreadyExistsException refusal(Path target) {
        return new FileAlreadyExistsException(target.toString(), null,
                "keypair file already exists; refusing to overwrite it");
    }
}
