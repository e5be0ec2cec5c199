package network.mira.node.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How failures reach the user: {@code error: <message>} on stderr and the exit code of
 * {@link ExitCodes}. Expected failures ({@link CliException}) get no stack trace; anything else is
 * a bug in mira and keeps its stack trace for the report.
 */
public final class CliErrorHandlers {
    private CliErrorHandlers() {}

    /** Installs both handlers on {@code root} and every subcommand registered so far. */
    public static CommandLine install(CommandLine root) {
        return root.setExecutionExceptionHandler(CliErrorHandlers::onExecutionException)
                .setParameterExceptionHandler(CliErrorHandlers::onUsageError);
    }

    static int onExecutionException(Exception error, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (error instanceof CliException expected) {
            err.println("error: " + expected.getMessage());
            err.flush();
            return expected.exitCode();
        }
        err.println("error: unexpected failure in 'mira " + path(command) + "': " + error);
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    static int onUsageError(ParameterException error, String[] arguments) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + error.getMessage());
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try 'mira " + path(command) + (path(command).isEmpty() ? "" : " ") + "--help' for usage.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String path(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }
}
