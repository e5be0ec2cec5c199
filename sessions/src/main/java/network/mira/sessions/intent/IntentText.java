package network.mira.sessions.intent;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import network.mira.sessions.scope.SessionScope;

/**
 * The text of a session intent: what a wallet shows its user and signs (Ed25519 over the UTF-8
 * bytes, as Solana wallets' {@code signMessage} does). The format is in docs/sessions.md:
 *
 * <pre>
 * Mira session request
 *
 * {@link #EXPLANATION}, on one line
 *
 * version: 1
 * chain_id: mira-devnet
 * domain: app.example.com
 * owner: &lt;base58&gt;
 * session_key: &lt;base58&gt;
 * expires_at: 2026-11-26T14:10:00Z
 * programs: any | &lt;base58&gt;[:d1+d2...][,&lt;base58&gt;[:...]]...
 * spend_limit: none | &lt;lamports&gt;
 * per_tx_limit: none | &lt;lamports&gt;
 * max_tx: none | &lt;count&gt;
 * recipients: any | &lt;base58&gt;[,&lt;base58&gt;]...
 * fee_allowance: 0 | &lt;lamports&gt;
 * nonce: &lt;u64&gt;
 * </pre>
 *
 * Each intent has exactly one text and the parser accepts nothing else: every key, always, in this
 * order; LF line endings and one final LF; no other whitespace; numbers without sign or leading
 * zeros; lists sorted by key bytes. So {@code render(parse(t)).equals(t)} for every accepted
 * {@code t}, and the text the user read is the scope that will be enforced.
 *
 * <p>Parsing checks the form only: chain id, expiry against the block time, the lifetime cap and
 * nonce reuse are for the sessions program (see {@link SessionIntent}).
 */
public final class IntentText {
    /**
     * The largest text: with its signature, the owner and the session key it must fit in one
     * 1232-byte transaction.
     */
    public static final int MAX_BYTES = 900;
    public static final String TITLE = "Mira session request";
    public static final String EXPLANATION = "Signing this lets the session key below act for your account on the"
            + " domain below until it expires, only within the limits listed. It cannot do anything else, and it"
            + " stops working by itself when it expires.";

    private IntentText() {}

    /**
     * The one text of {@code intent}.
     *
     * @throws IllegalArgumentException if the text would be longer than {@link #MAX_BYTES} (long lists
     *                                  with long domain and chain id), which no wallet could sign here
     */
    public static String render(SessionIntent intent) {
        Objects.requireNonNull(intent, "intent");
        SessionScope scope = intent.scope();
        StringBuilder out = new StringBuilder(MAX_BYTES);
        out.append(TITLE).append("\n\n").append(EXPLANATION).append("\n\n");
        line(out, IntentKey.VERSION, Integer.toString(intent.version()));
        line(out, IntentKey.CHAIN_ID, intent.chainId());
        line(out, IntentKey.DOMAIN, intent.domain());
        line(out, IntentKey.OWNER, IntentValues.formatKey(intent.owner()));
        line(out, IntentKey.SESSION_KEY, IntentValues.formatKey(intent.sessionKey()));
        line(out, IntentKey.EXPIRES_AT, IntentValues.formatExpiresAt(intent.expiresAtMs()));
        line(out, IntentKey.PROGRAMS, IntentValues.formatPrograms(scope.programs()));
        line(out, IntentKey.SPEND_LIMIT, IntentValues.formatLimit(scope.spendLimit()));
        line(out, IntentKey.PER_TX_LIMIT, IntentValues.formatLimit(scope.perTransactionLimit()));
        line(out, IntentKey.MAX_TX, IntentValues.formatLimit(scope.maxTransactions()));
        line(out, IntentKey.RECIPIENTS, IntentValues.formatRecipients(scope.recipients()));
        line(out, IntentKey.FEE_ALLOWANCE, IntentValues.formatNumber(scope.feeAllowance()));
        line(out, IntentKey.NONCE, IntentValues.formatNumber(intent.nonce()));
        String text = out.toString();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("intent text would be " + bytes + " bytes, at most " + MAX_BYTES
                    + " can be signed; list fewer programs or recipients");
        }
        return text;
    }

    /**
     * The intent written in {@code text}, if {@code text} is exactly the canonical text of a valid
     * intent.
     *
     * @throws IntentParseException with the reason and a message naming the line
     */
    public static SessionIntent parse(String text) throws IntentParseException {
        Objects.requireNonNull(text, "text");
        return IntentParser.parse(text);
    }

    private static void line(StringBuilder out, IntentKey key, String value) {
        out.append(key.text()).append(": ").append(value).append('\n');
    }
}
