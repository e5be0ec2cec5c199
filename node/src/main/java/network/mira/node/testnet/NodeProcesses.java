package network.mira.node.testnet;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.mira.config.NodeConfigLoader;
import network.mira.node.MiraNodeMain;
import network.mira.node.cli.CliException;

/**
 * A testnet node as an operating-system process: launched detached from {@code mira} (own log,
 * stdin from /dev/null, nothing tied to the launching JVM, so it outlives it) and found again
 * through {@code node.pid}. A pid file is trusted only while its process is alive and runs this
 * node's config, so a pid reused by another program is never signalled.
 */
final class NodeProcesses {
    /** Heap and collector for each node unless MIRA_JAVA_OPTS says otherwise (as for bin/mira-node). */
    static final String DEFAULT_JAVA_OPTS = "-Xmx512m -XX:+UseG1GC";
    static final String JAVA_OPTS_VARIABLE = "MIRA_JAVA_OPTS";
    private static final String MARKER_PROPERTY = "mira.testnet.config";
    private static final int MAX_PID_FILE_BYTES = 64;
    private static final int LOG_TAIL_BYTES = 8 * 1024;

    private NodeProcesses() {}

    static Path configFile(Path nodeDir) {
        return nodeDir.resolve(TestnetLayout.CONFIG_FILE);
    }

    static Path logFile(Path nodeDir) {
        return nodeDir.resolve(TestnetLayout.LOG_FILE);
    }

    static Path pidFile(Path nodeDir) {
        return nodeDir.resolve(TestnetLayout.PID_FILE);
    }

    /** The pid recorded in {@code node.pid}, if there is one. */
    static OptionalLong recordedPid(Path nodeDir) {
        Path file = pidFile(nodeDir);
        String text;
        try {
            if (Files.size(file) > MAX_PID_FILE_BYTES) {
                throw CliException.failure(file + " is not a pid file (too large); delete it");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e);
        }
        try {
            long pid = Long.parseLong(text);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(pid);
        } catch (NumberFormatException e) {
            throw CliException.failure(file + " does not hold a process id ('" + text + "'); delete it");
        }
    }

    /** The live process of this node, if its pid file names one that runs this node's config. */
    static Optional<ProcessHandle> running(Path nodeDir) {
        OptionalLong pid = recordedPid(nodeDir);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(process -> runsConfig(process, configFile(nodeDir)));
    }

    /**
     * Whether the process was started by {@link #launch} for this config file. The JDK reads at most
     * 4 KiB of a Linux command line and a node's classpath is longer, so the check looks for
     * {@link #marker}, which comes first. Where the system does not tell (another user's process,
     * some platforms), a live process is taken to be the node.
     */
    private static boolean runsConfig(ProcessHandle process, Path configFile) {
        ProcessHandle.Info info = process.info();
        String marker = marker(configFile);
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent()) {
            return Arrays.asList(arguments.get()).contains(marker);
        }
        return info.commandLine().map(line -> line.contains(marker)).orElse(true);
    }

    /** A JVM option that names the node's config; it only serves to recognise the process. */
    private static String marker(Path configFile) {
        return "-D" + MARKER_PROPERTY + "=" + configFile;
    }

    /** The last non-blank line of the node's log (its start-up error, when it exited), or "". */
    static String lastLogLine(Path nodeDir) {
        Path log = logFile(nodeDir);
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long size = channel.size();
            int length = (int) Math.min(size, LOG_TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read the tail completely
            }
            String[] lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the process has exited or the deadline ({@link System#nanoTime()}) has passed. */
    static boolean awaitExit(ProcessHandle process, long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            try {
                process.onExit().get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return !process.isAlive();
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for process " + process.pid() + " failed", e);
            }
        }
        return !process.isAlive();
    }

    static void writePid(Path nodeDir, long pid) throws IOException {
        Path file = pidFile(nodeDir);
        Path temporary = Files.createTempFile(nodeDir, "." + TestnetLayout.PID_FILE, ".tmp");
        try {
            Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void deletePid(Path nodeDir) {
        try {
            Files.deleteIfExists(pidFile(nodeDir));
        } catch (IOException e) {
            throw CliException.failure("cannot delete " + pidFile(nodeDir) + ": " + e);
        }
    }

    /**
     * Starts {@code MiraNodeMain start --config nodeDir/config.yaml} with this JVM's java and
     * classpath. The node's settings come from its config file alone: the {@code MIRA_*} variables
     * that would override them are removed from its environment.
     */
    static Process launch(Path nodeDir, String javaOptions) throws IOException {
        Path log = logFile(nodeDir);
        Files.writeString(log, "=== mira testnet start at " + Instant.now() + " ===\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command(nodeDir, javaOptions))
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(devNull);
        }
        Map<String, String> environment = builder.environment();
        NodeConfigLoader.environmentVariables().forEach(environment::remove);
        Process process = builder.start();
        if (!devNull.exists()) {
            process.getOutputStream().close(); // stdin at end of file where there is no /dev/null
        }
        return process;
    }

    private static List<String> command(Path nodeDir, String javaOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add(marker(configFile(nodeDir)));
        for (String option : javaOptions.strip().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(absoluteClasspath());
        command.add(MiraNodeMain.class.getName());
        command.add("start");
        command.add("--config");
        command.add(configFile(nodeDir).toString());
        return command;
    }

    /** The node runs in its own directory, so relative classpath entries are made absolute. */
    private static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry.endsWith("*") ? entry : Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
