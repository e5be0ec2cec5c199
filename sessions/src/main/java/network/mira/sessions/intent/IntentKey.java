package network.mira.sessions.intent;

import java.util.Optional;

/** The keys of the intent text, in the only order they may appear. */
enum IntentKey {
    VERSION("version"),
    CHAIN_ID("chain_id"),
    DOMAIN("domain"),
    OWNER("owner"),
    SESSION_KEY("session_key"),
    EXPIRES_AT("expires_at"),
    PROGRAMS("programs"),
    SPEND_LIMIT("spend_limit"),
    PER_TX_LIMIT("per_tx_limit"),
    MAX_TX("max_tx"),
    RECIPIENTS("recipients"),
    FEE_ALLOWANCE("fee_allowance"),
    NONCE("nonce");

    private static final IntentKey[] IN_ORDER = values();

    private final String text;

    IntentKey(String text) {
        this.text = text;
    }

    /** The key as written in the text. */
    String text() {
        return text;
    }

    static int count() {
        return IN_ORDER.length;
    }

    static IntentKey at(int position) {
        return IN_ORDER[position];
    }

    static Optional<IntentKey> byText(String text) {
        for (IntentKey key : IN_ORDER) {
            if (key.text.equals(text)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
