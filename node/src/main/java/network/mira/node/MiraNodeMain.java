package network.mira.node;

import network.mira.node.daemon.StartCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mira-node}: the validator daemon. */
@Command(name = "mira-node", mixinStandardHelpOptions = true, version = "mira-node 0.1.0",
        description = "Mira validator node.")
public final class MiraNodeMain {
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new MiraNodeMain());
        root.addSubcommand("start", StartCommand.withConfigOptions(new CommandLine(new StartCommand())));
        return root;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // A clean start returns only after shutdown; exit so no stray non-daemon thread holds the JVM.
        System.exit(code);
    }
}
