package network.mira.node.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code mira} client command: output through picocli's writers (so tests capture
 * it), {@code --json}, and a connection to the node chosen by {@link RpcOption}. A command returns
 * its exit code or throws {@link CliException}.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    final CliEnvironment environment;

    CliCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    HostPort endpoint() {
        return RpcOption.resolve(spec, environment);
    }

    RpcClient connect() {
        return RpcClient.connect(endpoint());
    }

    void printJson(Map<String, ?> object) {
        JsonOutput.print(out(), object);
    }

    void printLine(String line) {
        out().println(line);
        out().flush();
    }

    /** Text output as aligned "label: value" lines. */
    void printFields(Map<String, ?> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            out().println(String.format("%-" + width + "s %s", field.getKey() + ":", field.getValue()));
        }
        out().flush();
    }
}
