package network.mira.node.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** What the testnet process tests share: free ports for a layout, and cleaning up after a failure. */
final class LoopbackTestnet {
    private LoopbackTestnet() {}

    /** A base port P with P+I, P+100+I and P+200+I free on loopback for every node (the testnet layout). */
    static int freeBasePort(int validators) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (allFree(base, validators)) {
                return base;
            }
        }
        throw new IllegalStateException("no free base port found");
    }

    private static boolean allFree(int base, int validators) {
        for (int offset : new int[] {0, 100, 200}) {
            for (int i = 0; i < validators; i++) {
                try (ServerSocket socket = new ServerSocket(base + offset + i, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    return false;
                }
            }
        }
        return true;
    }

    /** SIGKILLs every node of the testnet in {@code dir} whose pid file is left, so none outlives a test. */
    static void killLeftovers(Path dir) throws IOException {
        for (int i = 0; Files.isDirectory(dir.resolve("node" + i)); i++) {
            Path pid = dir.resolve("node" + i).resolve("node.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
            }
        }
    }
}
