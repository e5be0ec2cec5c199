package network.mira.sessions.intent;

import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.sessions.intent.IntentParseException.Reason;

/**
 * An intent text with the owner's Ed25519 signature over exactly its UTF-8 bytes, as a Solana
 * wallet's {@code signMessage} (or {@code nacl.sign.detached}) produces it. Any of the three parts
 * may come from outside and be wrong; {@link #verify()} says whether they belong together.
 *
 * @param text      the intent text as the wallet signed it
 * @param owner     the key that signed; must also be the {@code owner:} written in the text
 * @param signature Ed25519 over {@code text.getBytes(UTF_8)}
 */
public record SignedIntent(String text, PublicKey owner, Signature signature) {
    /** @throws IllegalArgumentException naming a null field */
    public SignedIntent {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (owner == null) {
            throw new IllegalArgumentException("owner must not be null");
        }
        if (signature == null) {
            throw new IllegalArgumentException("signature must not be null");
        }
    }

    /**
     * The intent, if {@code owner} signed exactly this text and the text names {@code owner} as the
     * owner. Checked in this order: the size (bounded work before any cryptography), the signature,
     * the text's form, then the owner. Like {@link IntentText#parse}, this does not check the chain
     * id, the expiry against a clock, the lifetime cap or nonce reuse: the sessions program does.
     *
     * @throws IntentParseException TOO_LONG, BAD_SIGNATURE, any reason of {@link IntentText#parse},
     *                              or OWNER_MISMATCH
     */
    public SessionIntent verify() throws IntentParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > IntentText.MAX_BYTES) {
            throw new IntentParseException(Reason.TOO_LONG, 0,
                    "text is " + bytes.length + " bytes, at most " + IntentText.MAX_BYTES);
        }
        if (!Ed25519.verify(owner, bytes, signature)) {
            throw new IntentParseException(Reason.BAD_SIGNATURE, 0,
                    "signature does not verify over the text's UTF-8 bytes with key " + owner);
        }
        SessionIntent intent = IntentText.parse(text);
        if (!intent.owner().equals(owner)) {
            throw new IntentParseException(Reason.OWNER_MISMATCH, 0,
                    "signed by " + owner + " but the text names owner " + intent.owner());
        }
        return intent;
    }
}
