package network.mira.sessions.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import network.mira.sessions.SessionArbitraries;

class IntentTextPropertyTest {

    @Provide
    Arbitrary<SessionIntent> signable() {
        return SessionArbitraries.signableIntents();
    }

    @Provide
    Arbitrary<SessionIntent> anyIntent() {
        return SessionArbitraries.intents(8);
    }

    /** Characters that matter to the format, plus a few it never contains. */
    @Provide
    Arbitrary<Character> edits() {
        return Arbitraries.oneOf(
                Arbitraries.of('\n', ' ', ':', ',', '+', '0', '1', '9', '-', 'a', 'z', 'A', 'T', 'Z', '.', '\r', '\t'),
                Arbitraries.chars().ascii());
    }

    @Property(tries = 500)
    void parseInvertsRender(@ForAll("signable") SessionIntent intent) throws IntentParseException {
        String text = IntentText.render(intent);
        Statistics.label("programs").collect(intent.scope().programs().map(List::size).orElse(0));
        Statistics.label("recipients").collect(intent.scope().recipients().map(List::size).orElse(0));
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(IntentText.MAX_BYTES);
        assertThat(IntentText.parse(text)).isEqualTo(intent);
    }

    /**
     * Canonical text: whatever an edited text parses to renders back to exactly that text. So no
     * two texts mean the same intent, and a wallet user reads the one form that is enforced.
     */
    @Property(tries = 2000)
    void renderInvertsParseForEveryAcceptedText(@ForAll("signable") SessionIntent intent,
                                                @ForAll @IntRange(min = 0, max = 1000) int position,
                                                @ForAll("edits") char edit,
                                                @ForAll @IntRange(min = 0, max = 2) int kind) {
        String text = IntentText.render(intent);
        // Edits go to the key lines: any change to the fixed header is refused, as tested elsewhere.
        int header = (IntentText.TITLE + "\n\n" + IntentText.EXPLANATION + "\n\n").length();
        int at = header + position % (text.length() - header);
        String edited = switch (kind) {
            case 0 -> text.substring(0, at) + edit + text.substring(at + 1);
            case 1 -> text.substring(0, at) + edit + text.substring(at);
            default -> text.substring(0, at) + text.substring(at + 1);
        };
        try {
            assertThat(IntentText.render(IntentText.parse(edited))).isEqualTo(edited);
            Statistics.label("edited text").collect("accepted");
        } catch (IntentParseException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            Statistics.label("edited text").collect(refused.reason());
        }
    }

    /** Every valid intent either renders to a signable text that parses back, or is refused by render. */
    @Property(tries = 300)
    void renderRefusesOnlyTextsAboveTheLimit(@ForAll("anyIntent") SessionIntent intent) throws IntentParseException {
        Statistics.label("fits").collect(SessionArbitraries.fits(intent));
        if (SessionArbitraries.fits(intent)) {
            assertThat(IntentText.parse(IntentText.render(intent))).isEqualTo(intent);
        } else {
            assertThat(renderedLength(intent)).isGreaterThan(IntentText.MAX_BYTES);
        }
    }

    /** The length of the text without the size check, from its parts. */
    private static int renderedLength(SessionIntent intent) {
        int header = (IntentText.TITLE + "\n\n" + IntentText.EXPLANATION + "\n\n").length();
        String body = String.join("\n",
                "version: 1", "chain_id: " + intent.chainId(), "domain: " + intent.domain(),
                "owner: " + intent.owner(), "session_key: " + intent.sessionKey(),
                "expires_at: " + IntentValues.formatExpiresAt(intent.expiresAtMs()),
                "programs: " + IntentValues.formatPrograms(intent.scope().programs()),
                "spend_limit: " + IntentValues.formatLimit(intent.scope().spendLimit()),
                "per_tx_limit: " + IntentValues.formatLimit(intent.scope().perTransactionLimit()),
                "max_tx: " + IntentValues.formatLimit(intent.scope().maxTransactions()),
                "recipients: " + IntentValues.formatRecipients(intent.scope().recipients()),
                "fee_allowance: " + intent.scope().feeAllowance(), "nonce: " + intent.nonce()) + "\n";
        return header + body.length();
    }
}
