package network.mira.node.testnet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import network.mira.node.MiraCli;
import network.mira.node.cli.CliEnvironment;
import picocli.CommandLine;

/** Runs {@code mira} in-process as {@code MiraCli.main} does, with captured output; public for the e2e tests. */
public final class TestnetCli {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, String> environment;

    public TestnetCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Result run(String... arguments) {
        CliEnvironment cli = new CliEnvironment(environment, () -> new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MiraCli.commandLine(cli);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString(), String.join(" ", arguments));
    }

    public record Result(int exitCode, String stdout, String stderr, String command) {
        /** stdout as exactly one JSON value. */
        public JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not one JSON value: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "mira " + command + " -> exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
