package network.mira.node.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mira keys new|show}: key pairs in Solana's keypair file format (offline). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create and inspect keypair files.")
final class KeysCommand extends GroupCommand {

    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new KeysCommand())
                .addSubcommand(new CommandLine(new New(environment)))
                .addSubcommand(new CommandLine(new Show(environment)));
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Generate a key pair, write it as a Solana keypair file (JSON array of 64 bytes) "
                    + "readable by its owner only, and print its base58 public key.")
    static final class New extends CliCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Keypair file to write.")
        Path out;

        @Option(names = "--force", description = "Replace the file if it exists.")
        boolean force;

        New(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair keyPair = KeyPair.generate(new SecureRandom());
            write(out, keyPair, force, "(pass --force to replace it)");
            print(this, keyPair, out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the base58 public key of a keypair file.")
    static final class Show extends CliCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "Keypair file (Solana format).")
        Path file;

        Show(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            print(this, read(file), file);
            return ExitCodes.OK;
        }
    }

    /** Reads a keypair file for a command, turning every problem into a message that names the file. */
    static KeyPair read(Path file) {
        try {
            return KeypairFile.read(file);
        } catch (NoSuchFileException e) {
            throw CliException.failure("keypair file " + file + " does not exist");
        } catch (IOException e) {
            throw CliException.failure("cannot read keypair file " + file + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            // KeypairFile's messages already name the file.
            throw CliException.failure(e.getMessage());
        }
    }

    /**
     * A fresh key pair for a new on-chain address (a stake account, a self-bond). With {@code out} it
     * is written there first, so an existing file stops the command before anything is sent.
     *
     * @param out null to keep the key pair in memory only
     */
    static KeyPair freshAddress(Path out) {
        KeyPair keyPair = KeyPair.generate(new SecureRandom());
        if (out != null) {
            write(out, keyPair, false, "(nothing was sent; name a new file for the new address)");
        }
        return keyPair;
    }

    /**
     * Writes a keypair file for a command, turning every problem into a message that names the file.
     *
     * @param whenExists what the refusal of an existing file adds after "refusing to overwrite it"
     */
    static void write(Path file, KeyPair keyPair, boolean force, String whenExists) {
        try {
            KeypairFile.write(file, keyPair, force);
        } catch (FileAlreadyExistsException e) {
            throw CliException.failure("keypair file " + file + " already exists; refusing to overwrite it "
                    + whenExists);
        } catch (NoSuchFileException e) {
            throw CliException.failure("cannot write keypair file " + file + ": directory "
                    + e.getFile() + " does not exist");
        } catch (IOException e) {
            throw CliException.failure("cannot write keypair file " + file + ": " + describe(e));
        }
    }

    private static void print(CliCommand command, KeyPair keyPair, Path file) {
        if (command.json) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            out.put("public_key", keyPair.publicKey().toBase58());
            out.put("path", file.toAbsolutePath().normalize().toString());
            command.printJson(out);
        } else {
            command.printLine(keyPair.publicKey().toBase58());
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
