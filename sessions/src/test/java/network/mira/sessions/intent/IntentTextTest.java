package network.mira.sessions.intent;

import static network.mira.sessions.intent.IntentFixtures.EXAMPLE_TEXT;
import static network.mira.sessions.intent.IntentFixtures.exampleIntent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.SessionScope;
import org.junit.jupiter.api.Test;

class IntentTextTest {

    @Test
    void theExampleIntentRendersToTheDocumentedText() {
        assertThat(IntentText.render(exampleIntent())).isEqualTo(EXAMPLE_TEXT);
    }

    @Test
    void theDocumentedTextParsesToTheExampleIntent() throws IntentParseException {
        assertThat(IntentText.parse(EXAMPLE_TEXT)).isEqualTo(exampleIntent());
    }

    @Test
    void theHeaderIsTheFixedParagraph() {
        assertThat(EXAMPLE_TEXT).startsWith(IntentText.TITLE + "\n\n" + IntentText.EXPLANATION + "\n\n");
    }

    @Test
    void unlimitedFieldsAreWrittenOutExplicitly() throws IntentParseException {
        SessionIntent example = exampleIntent();
        SessionScope unlimited = new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), 0);
        SessionIntent intent = new SessionIntent(1, "mira-devnet", "localhost:3000", example.owner(),
                example.sessionKey(), 0, unlimited, 0);
        String text = IntentText.render(intent);
        assertThat(text).endsWith("""
                expires_at: 1970-01-01T00:00:00Z
                programs: any
                spend_limit: none
                per_tx_limit: none
                max_tx: none
                recipients: any
                fee_allowance: 0
                nonce: 0
                """);
        assertThat(IntentText.parse(text)).isEqualTo(intent);
    }

    @Test
    void theLatestRenderableExpiryIsTheLastSecondOfYear9999() throws IntentParseException {
        SessionIntent example = exampleIntent();
        SessionIntent intent = new SessionIntent(1, "c", "d", example.owner(), example.sessionKey(),
                SessionIntent.MAX_EXPIRES_AT_MS, example.scope(), Long.MAX_VALUE);
        String text = IntentText.render(intent);
        assertThat(text).contains("expires_at: 9999-12-31T23:59:59Z\n").endsWith("nonce: 9223372036854775807\n");
        assertThat(IntentText.parse(text)).isEqualTo(intent);
    }

    @Test
    void renderRefusesAnIntentWhoseTextIsTooLongToSign() {
        SessionIntent example = exampleIntent();
        List<PublicKey> recipients = new ArrayList<>();
        for (int i = 0; i < SessionScope.MAX_RECIPIENTS; i++) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) (0x80 + i));
            recipients.add(PublicKey.wrap(key));
        }
        SessionScope scope = new SessionScope(example.scope().programs(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.of(recipients), 0);
        SessionIntent intent = new SessionIntent(1, "mira-devnet", "app.example.com", example.owner(),
                example.sessionKey(), example.expiresAtMs(), scope, 1);
        assertThatThrownBy(() -> IntentText.render(intent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("intent text would be 9[0-9][0-9] bytes, at most 900 can be signed;"
                        + " list fewer programs or recipients");
    }

    @Test
    void theExampleLeavesRoomForAboutFiveMoreListEntries() {
        int bytes = EXAMPLE_TEXT.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isEqualTo(668);
        assertThat((IntentText.MAX_BYTES - bytes) / (IntentFixtures.SHOP_BASE58.length() + 1)).isEqualTo(5);
    }
}
