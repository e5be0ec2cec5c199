package network.mira.sessions.intent;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * The text an owner signs to end a session without sending a transaction itself (anyone may submit
 * it), in the same style as the session request:
 * <pre>
 * Mira session revocation
 *
 * Signing this ends the session below from the next block on. It allows nothing else.
 *
 * version: 1
 * chain_id: mira-devnet
 * owner: &lt;base58&gt;
 * session: &lt;base58&gt;
 * </pre>
 * LF line endings and one final LF; only this exact form is accepted (parsing re-renders and compares).
 */
public final class RevocationText {
    public static final String TITLE = "Mira session revocation";
    public static final String EXPLANATION = "Signing this ends the session below from the next block on. It allows"
            + " nothing else.";
    private static final Pattern FORM = Pattern.compile(Pattern.quote(TITLE + "\n\n" + EXPLANATION + "\n\n")
            + "version: 1\nchain_id: (" + SessionIntent.CHAIN_ID_PATTERN + ")\nowner: ([1-9A-HJ-NP-Za-km-z]{32,44})\n"
            + "session: ([1-9A-HJ-NP-Za-km-z]{32,44})\n");

    /** What a revocation names. */
    public record Revocation(String chainId, PublicKey owner, PublicKey session) {}

    private RevocationText() {}

    public static String render(Revocation revocation) {
        return TITLE + "\n\n" + EXPLANATION + "\n\nversion: 1\nchain_id: " + revocation.chainId() + "\nowner: "
                + revocation.owner().toBase58() + "\nsession: " + revocation.session().toBase58() + "\n";
    }

    /** @throws IntentParseException MALFORMED for anything but the exact form */
    public static Revocation parse(String text) throws IntentParseException {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IntentParseException(IntentParseException.Reason.MALFORMED, 0,
                    "not a session revocation in its exact form (see docs/sessions.md)");
        }
        Revocation revocation;
        try {
            revocation = new Revocation(matcher.group(1), PublicKey.fromBase58(matcher.group(2)),
                    PublicKey.fromBase58(matcher.group(3)));
        } catch (IllegalArgumentException e) {
            throw new IntentParseException(IntentParseException.Reason.BAD_VALUE, 0, e.getMessage());
        }
        if (!render(revocation).equals(text)) {
            throw new IntentParseException(IntentParseException.Reason.MALFORMED, 0, "a key is not in canonical base58");
        }
        return revocation;
    }

    /** The revocation if {@code signature} is the named owner's Ed25519 signature over the text's UTF-8 bytes. */
    public static Revocation verify(String text, Signature signature) throws IntentParseException {
        Revocation revocation = parse(text);
        if (!network.mira.core.crypto.Ed25519.verify(revocation.owner(), text.getBytes(StandardCharsets.UTF_8),
                signature)) {
            throw new IntentParseException(IntentParseException.Reason.BAD_SIGNATURE, 0,
                    "the signature is not the owner's over this text");
        }
        return revocation;
    }
}
