package network.mira.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.StringJoiner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeypairFileTest {
    /** alice from fixtures/solana-web3js-transactions.json, as solana-keygen would store her. */
    private static final String ALICE_JSON = "[226,23,73,20,194,253,33,143,204,71,134,74,222,35,104,63,153,39,77,240,"
            + "119,182,230,22,183,121,23,17,236,81,23,10,175,224,246,77,17,248,91,151,131,204,70,89,199,38,229,70,182,"
            + "219,36,194,127,145,234,232,84,15,162,211,193,16,239,201]";
    private static final PublicKey ALICE = PublicKey.fromBase58("CqZJg9nXMDPftetJMdMPZmymikdTzdGfrTwzSJzLdYw2");

    @TempDir
    Path directory;

    @Test
    void readsSolanaCliFormat() throws IOException {
        Path file = write("id.json", ALICE_JSON);
        assertThat(KeypairFile.read(file).publicKey()).isEqualTo(ALICE);
    }

    @Test
    void toleratesJsonWhitespace() throws IOException {
        Path file = write("id.json", "\n [ " + ALICE_JSON.substring(1, ALICE_JSON.length() - 1).replace(",", " ,\n\t")
                + " ] \r\n");
        assertThat(KeypairFile.read(file).publicKey()).isEqualTo(ALICE);
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        KeyPair keyPair = KeyPair.fromSeed(new byte[32]);
        Path file = directory.resolve("validator.json");
        KeypairFile.write(file, keyPair);
        assertThat(KeypairFile.read(file).toSolanaSecretKey()).isEqualTo(keyPair.toSolanaSecretKey());
        assertThat(Files.readString(file)).startsWith("[").endsWith("]").doesNotContain(" ");
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(file); // the temporary file is gone
        }
    }

    @Test
    void writtenFileIsOwnerOnly() throws IOException {
        Assumptions.assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = directory.resolve("validator.json");
        KeypairFile.write(file, KeyPair.fromSeed(new byte[32]));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        Path file = write("id.json", ALICE_JSON);
        KeyPair other = KeyPair.fromSeed(new byte[32]);
        assertThatThrownBy(() -> KeypairFile.write(file, other))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("refusing to overwrite");
        assertThatThrownBy(() -> KeypairFile.write(file, other, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(KeypairFile.read(file).publicKey()).isEqualTo(ALICE);

        KeypairFile.write(file, other, true);
        assertThat(KeypairFile.read(file).publicKey()).isEqualTo(other.publicKey());
    }

    @Test
    void missingFile() {
        Path file = directory.resolve("absent.json");
        assertThatThrownBy(() -> KeypairFile.read(file)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(file + ": keypair file does not exist");
    }

    @Test
    void missingDirectoryOnWrite() {
        Path file = directory.resolve("no/such/dir/id.json");
        assertThatThrownBy(() -> KeypairFile.write(file, KeyPair.fromSeed(new byte[32])))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(file.toString());
    }

    @Test
    void directoryIsNotAKeypair() {
        assertThatThrownBy(() -> KeypairFile.read(directory)).isInstanceOf(IOException.class)
                .hasMessage("keypair file " + directory + " is not a regular file");
    }

    @Test
    void notAJsonArray() throws IOException {
        Path file = write("id.json", "{\"secret\": 1}");
        assertThatThrownBy(() -> KeypairFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keypair file " + file + ": not a JSON array: expected '[' at offset 0, found '{'");
        Path empty = write("empty.json", "");
        assertThatThrownBy(() -> KeypairFile.read(empty))
                .hasMessage("keypair file " + empty + ": not a JSON array: expected '[' at offset 0, found end of input");
        Path unterminated = write("open.json", "[1,2");
        assertThatThrownBy(() -> KeypairFile.read(unterminated))
                .hasMessage("keypair file " + unterminated + ": not a JSON array: missing ']' at end of input");
    }

    @Test
    void wrongLength() throws IOException {
        Path file = write("id.json", numbers(63));
        assertThatThrownBy(() -> KeypairFile.read(file))
                .hasMessage("keypair file " + file + ": expected 64 numbers, found 63");
        Path longer = write("long.json", numbers(65));
        assertThatThrownBy(() -> KeypairFile.read(longer))
                .hasMessage("keypair file " + longer + ": expected 64 numbers, found 65");
        Path empty = write("empty.json", "[]");
        assertThatThrownBy(() -> KeypairFile.read(empty))
                .hasMessage("keypair file " + empty + ": expected 64 numbers, found 0");
    }

    @Test
    void outOfRangeAndNonIntegerValues() throws IOException {
        Path big = write("big.json", ALICE_JSON.replaceFirst("226", "256"));
        assertThatThrownBy(() -> KeypairFile.read(big))
                .hasMessage("keypair file " + big + ": value 256 at index 0 is out of range 0..255");
        Path negative = write("negative.json", ALICE_JSON.replaceFirst(",23,", ",-1,"));
        assertThatThrownBy(() -> KeypairFile.read(negative))
                .hasMessage("keypair file " + negative + ": value -1 at index 1 is out of range 0..255");
        Path huge = write("huge.json", ALICE_JSON.replaceFirst(",23,", ",99999999999999999999,"));
        assertThatThrownBy(() -> KeypairFile.read(huge))
                .hasMessage("keypair file " + huge + ": value 999999999999... at index 1 is out of range 0..255");
        Path fraction = write("fraction.json", ALICE_JSON.replaceFirst(",23,", ",23.0,"));
        assertThatThrownBy(() -> KeypairFile.read(fraction))
                .hasMessage("keypair file " + fraction + ": value at index 1 (offset 5) is not an integer");
        Path text = write("text.json", ALICE_JSON.replaceFirst(",23,", ",\"23\","));
        assertThatThrownBy(() -> KeypairFile.read(text))
                .hasMessage("keypair file " + text + ": expected a number at offset 5, found '\"'");
    }

    @Test
    void mismatchedPublicKey() throws IOException {
        Path file = write("id.json", ALICE_JSON.replaceFirst(",239,201]", ",239,202]"));
        assertThatThrownBy(() -> KeypairFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keypair file " + file + ": Solana secret key is inconsistent: its public half is ")
                .hasMessageEndingWith("but its seed derives public key " + ALICE);
    }

    @Test
    void trailingContent() throws IOException {
        Path file = write("id.json", ALICE_JSON + " x");
        assertThatThrownBy(() -> KeypairFile.read(file))
                .hasMessage("keypair file " + file + ": unexpected 'x' after the array at offset " + (ALICE_JSON.length() + 1));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String numbers(int count) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            joiner.add("1");
        }
        return joiner.toString();
    }
}
