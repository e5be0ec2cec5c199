package network.mira.node.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import network.mira.node.MiraCli;
import picocli.CommandLine;

/** Runs {@code mira} in-process exactly as {@code MiraCli.main} does, with captured stdout and stderr. */
final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, String> environment = new HashMap<>();
    private String stdin = "";

    CliRunner withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRunner withStdin(String text) {
        this.stdin = text;
        return this;
    }

    Result run(String... arguments) {
        byte[] input = stdin.getBytes(StandardCharsets.UTF_8);
        CliEnvironment cli = new CliEnvironment(environment, () -> new ByteArrayInputStream(input));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MiraCli.commandLine(cli);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString(), String.join(" ", arguments));
    }

    record Result(int exitCode, String stdout, String stderr, String command) {
        /** The one JSON object on stdout; fails if stdout holds anything else. */
        JsonNode json() {
            try {
                JsonNode node = JSON.readTree(stdout);
                if (node == null || !node.isObject()) {
                    throw new AssertionError("stdout of 'mira " + command + "' is not one JSON object: " + this);
                }
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("stdout of 'mira " + command + "' is not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "mira " + command + " -> exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
