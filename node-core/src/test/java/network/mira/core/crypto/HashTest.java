package network.mira.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;

class HashTest {
    @Test
    void matchesTheFips180KnownAnswers() {
        assertThat(hex(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Hash.sha256()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesTheConcatenationOfItsParts() {
        byte[] whole = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);
        byte[] head = java.util.Arrays.copyOfRange(whole, 0, 20);
        byte[] tail = java.util.Arrays.copyOfRange(whole, 20, whole.length);
        assertThat(Hash.sha256(head, new byte[0], tail)).isEqualTo(Hash.sha256(whole));
        assertThat(hex(Hash.sha256(whole)))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    /** The per-thread digest must never mix two threads' inputs; Bouncy Castle is the reference. */
    @Test
    void agreesWithBouncyCastleFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                checks.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] input = new byte[(i * 7 + seed) % 300];
                        java.util.Arrays.fill(input, (byte) (i + seed));
                        if (!Hash.sha256(input).equals(Hash.wrap(bouncyCastle(input)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bouncyCastle(byte[] input) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static String hex(Hash hash) {
        return HexFormat.of().formatHex(hash.bytes());
    }
}
