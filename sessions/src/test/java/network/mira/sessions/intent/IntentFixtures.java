package network.mira.sessions.intent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;

/** The documented example (docs/sessions.md): keys from fixed seeds, so the text never changes. */
final class IntentFixtures {
    static final KeyPair OWNER = KeyPair.fromSeed(seed(1));
    static final KeyPair SESSION = KeyPair.fromSeed(seed(2));
    static final PublicKey GAME = KeyPair.fromSeed(seed(3)).publicKey();
    static final PublicKey SHOP = KeyPair.fromSeed(seed(4)).publicKey();
    static final PublicKey SYSTEM_PROGRAM = PublicKey.wrap(new byte[PublicKey.LENGTH]);

    static final String OWNER_BASE58 = "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9";
    static final String SESSION_BASE58 = "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu";
    static final String GAME_BASE58 = "GyGKxMyg1p9SsHfm15MkNUu1u9TN2JtTspcdmrtGUdse";
    static final String SHOP_BASE58 = "EdmxWPmx2WH6WgFfTdu9xfkYf3k1g5wD1zccTVySEEh1";
    static final String SYSTEM_BASE58 = "11111111111111111111111111111111";

    static final String EXAMPLE_TEXT = """
            Mira session request

            Signing this lets the session key below act for your account on the domain below until it expires, \
            only within the limits listed. It cannot do anything else, and it stops working by itself when it expires.

            version: 1
            chain_id: mira-devnet
            domain: app.example.com
            owner: AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9
            session_key: 9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu
            expires_at: 2026-11-26T14:10:00Z
            programs: 11111111111111111111111111111111:2,GyGKxMyg1p9SsHfm15MkNUu1u9TN2JtTspcdmrtGUdse
            spend_limit: 1000000000
            per_tx_limit: 100000000
            max_tx: 50
            recipients: EdmxWPmx2WH6WgFfTdu9xfkYf3k1g5wD1zccTVySEEh1
            fee_allowance: 5000000
            nonce: 42
            """;

    private IntentFixtures() {}

    static SessionIntent exampleIntent() {
        SessionScope scope = new SessionScope(
                Optional.of(List.of(
                        new ProgramScope(SYSTEM_PROGRAM, Optional.of(new TreeSet<>(List.of(2)))),
                        new ProgramScope(GAME, Optional.empty()))),
                OptionalLong.of(1_000_000_000L),
                OptionalLong.of(100_000_000L),
                OptionalLong.of(50),
                Optional.of(List.of(SHOP)),
                5_000_000L);
        return new SessionIntent(1, "mira-devnet", "app.example.com", OWNER.publicKey(), SESSION.publicKey(),
                Instant.parse("2026-11-26T14:10:00Z").toEpochMilli(), scope, 42);
    }

    /** The example text with one line replaced; {@code line} is 1-based. */
    static String withLine(int line, String replacement) {
        String[] lines = EXAMPLE_TEXT.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    /** The example text without the 1-based {@code line}. */
    static String withoutLine(int line) {
        List<String> lines = new ArrayList<>(Arrays.asList(EXAMPLE_TEXT.split("\n", -1)));
        lines.remove(line - 1);
        return String.join("\n", lines);
    }

    /** The example text with {@code inserted} as the new 1-based {@code line}. */
    static String withInsertedLine(int line, String inserted) {
        List<String> lines = new ArrayList<>(Arrays.asList(EXAMPLE_TEXT.split("\n", -1)));
        lines.add(line - 1, inserted);
        return String.join("\n", lines);
    }

    private static byte[] seed(int fill) {
        byte[] seed = new byte[KeyPair.SEED_LENGTH];
        Arrays.fill(seed, (byte) fill);
        return seed;
    }
}
