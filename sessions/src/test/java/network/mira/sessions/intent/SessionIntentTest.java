package network.mira.sessions.intent;

import static network.mira.sessions.intent.IntentFixtures.exampleIntent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mira.config.Genesis;
import org.junit.jupiter.api.Test;

class SessionIntentTest {
    private static final SessionIntent EXAMPLE = exampleIntent();

    private static SessionIntent with(int version, String chainId, String domain, long expiresAtMs, long nonce) {
        return new SessionIntent(version, chainId, domain, EXAMPLE.owner(), EXAMPLE.sessionKey(), expiresAtMs,
                EXAMPLE.scope(), nonce);
    }

    @Test
    void theChainIdRuleIsTheGenesisRule() {
        assertThat(SessionIntent.CHAIN_ID_PATTERN).isEqualTo(Genesis.CHAIN_ID_PATTERN);
    }

    @Test
    void eachFieldIsCheckedAndNamed() {
        long expires = EXAMPLE.expiresAtMs();
        assertThatThrownBy(() -> with(2, "mira-devnet", "a.b", expires, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("version must be 1, got 2");
        assertThatThrownBy(() -> with(1, "Mira", "a.b", expires, 0))
                .hasMessage("chainId must match [a-z0-9-]{1,48}, got 'Mira'");
        assertThatThrownBy(() -> with(1, null, "a.b", expires, 0))
                .hasMessage("chainId must match [a-z0-9-]{1,48}, got null");
        assertThatThrownBy(() -> with(1, "mira-devnet", "", expires, 0))
                .hasMessage("domain must match [a-z0-9.:-]{1,64}, got ''");
        assertThatThrownBy(() -> with(1, "mira-devnet", "a.b/path", expires, 0))
                .hasMessage("domain must match [a-z0-9.:-]{1,64}, got 'a.b/path'");
        assertThatThrownBy(() -> with(1, "mira-devnet", "a.b", expires + 1, 0))
                .hasMessage("expiresAtMs must be whole seconds from 0 to 253402300799000, got " + (expires + 1));
        assertThatThrownBy(() -> with(1, "mira-devnet", "a.b", -1000, 0))
                .hasMessage("expiresAtMs must be whole seconds from 0 to 253402300799000, got -1000");
        assertThatThrownBy(() -> with(1, "mira-devnet", "a.b", SessionIntent.MAX_EXPIRES_AT_MS + 1000, 0))
                .hasMessage("expiresAtMs must be whole seconds from 0 to 253402300799000, got 253402300800000");
        assertThatThrownBy(() -> with(1, "mira-devnet", "a.b", expires, -1))
                .hasMessage("nonce must not be negative, got -1");
        assertThatThrownBy(() -> new SessionIntent(1, "c", "d", null, EXAMPLE.sessionKey(), 0, EXAMPLE.scope(), 0))
                .hasMessage("owner must not be null");
        assertThatThrownBy(() -> new SessionIntent(1, "c", "d", EXAMPLE.owner(), null, 0, EXAMPLE.scope(), 0))
                .hasMessage("sessionKey must not be null");
        assertThatThrownBy(() -> new SessionIntent(1, "c", "d", EXAMPLE.owner(), EXAMPLE.sessionKey(), 0, null, 0))
                .hasMessage("scope must not be null");
    }

    @Test
    void aDomainMayCarryAPort() {
        assertThat(with(1, "mira-devnet", "localhost:3000", 0, 0).domain()).isEqualTo("localhost:3000");
    }
}
