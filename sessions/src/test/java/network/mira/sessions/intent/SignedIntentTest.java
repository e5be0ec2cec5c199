package network.mira.sessions.intent;

import static network.mira.sessions.intent.IntentFixtures.EXAMPLE_TEXT;
import static network.mira.sessions.intent.IntentFixtures.OWNER;
import static network.mira.sessions.intent.IntentFixtures.SESSION;
import static network.mira.sessions.intent.IntentFixtures.exampleIntent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.Signature;
import network.mira.sessions.intent.IntentParseException.Reason;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class SignedIntentTest {
    /**
     * The example text signed with the owner's seed (32 bytes of 0x01) by another implementation
     * (Python's cryptography, i.e. OpenSSL): Ed25519 over the raw UTF-8 bytes, what
     * {@code nacl.sign.detached(new TextEncoder().encode(text), secretKey)} and a wallet's
     * {@code signMessage} produce.
     */
    private static final Signature EXAMPLE_SIGNATURE = Signature.wrap(HexFormat.of().parseHex(
            "01c835370664c783e603bca36674c8dbdcfe70636645ded5f47e194fd8d7cbbd"
                    + "2da461828c5c4bdf450d6908ba48d72b529644bb490a33302ad5e5f892989d09"));

    private static Signature sign(KeyPair key, String text) {
        return key.sign(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(SignedIntent signed, Reason reason, String message) {
        assertThatThrownBy(signed::verify)
                .isInstanceOf(IntentParseException.class)
                .hasMessage(message)
                .asInstanceOf(InstanceOfAssertFactories.type(IntentParseException.class))
                .extracting(IntentParseException::reason)
                .isEqualTo(reason);
    }

    @Test
    void aSignatureFromAnotherImplementationVerifies() throws IntentParseException {
        SignedIntent signed = new SignedIntent(EXAMPLE_TEXT, OWNER.publicKey(), EXAMPLE_SIGNATURE);
        assertThat(signed.verify()).isEqualTo(exampleIntent());
    }

    @Test
    void ourSignerProducesTheSameSignature() {
        assertThat(sign(OWNER, EXAMPLE_TEXT)).isEqualTo(EXAMPLE_SIGNATURE);
    }

    @Test
    void aTamperedTextIsRefused() {
        String tampered = EXAMPLE_TEXT.replace("spend_limit: 1000000000", "spend_limit: 9000000000");
        assertRefused(new SignedIntent(tampered, OWNER.publicKey(), EXAMPLE_SIGNATURE), Reason.BAD_SIGNATURE,
                "signature does not verify over the text's UTF-8 bytes with key " + OWNER.publicKey());
    }

    @Test
    void anotherSignersClaimToBeTheOwnerIsRefused() {
        assertRefused(new SignedIntent(EXAMPLE_TEXT, SESSION.publicKey(), EXAMPLE_SIGNATURE), Reason.BAD_SIGNATURE,
                "signature does not verify over the text's UTF-8 bytes with key " + SESSION.publicKey());
    }

    @Test
    void aTextSignedBySomeoneOtherThanTheOwnerItNamesIsRefused() {
        SignedIntent signed = new SignedIntent(EXAMPLE_TEXT, SESSION.publicKey(), sign(SESSION, EXAMPLE_TEXT));
        assertRefused(signed, Reason.OWNER_MISMATCH,
                "signed by " + SESSION.publicKey() + " but the text names owner " + OWNER.publicKey());
    }

    @Test
    void aSignedButMalformedTextIsStillRefused() {
        String crlf = EXAMPLE_TEXT.replace("\n", "\r\n");
        assertRefused(new SignedIntent(crlf, OWNER.publicKey(), sign(OWNER, crlf)), Reason.MALFORMED,
                "line 1: carriage return (lines end with LF only) at column 21");
    }

    @Test
    void anOverlongTextIsRefusedBeforeAnySignatureWork() {
        String huge = "x".repeat(1_000_000);
        assertRefused(new SignedIntent(huge, OWNER.publicKey(), EXAMPLE_SIGNATURE), Reason.TOO_LONG,
                "text is 1000000 bytes, at most 900");
    }

    @Test
    void aZeroSignatureIsRefused() {
        SignedIntent signed = new SignedIntent(EXAMPLE_TEXT, OWNER.publicKey(), Signature.wrap(new byte[64]));
        assertRefused(signed, Reason.BAD_SIGNATURE,
                "signature does not verify over the text's UTF-8 bytes with key " + OWNER.publicKey());
    }

    @Test
    void nullPartsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SignedIntent(null, OWNER.publicKey(), EXAMPLE_SIGNATURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("text must not be null");
        assertThatThrownBy(() -> new SignedIntent(EXAMPLE_TEXT, null, EXAMPLE_SIGNATURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("owner must not be null");
        assertThatThrownBy(() -> new SignedIntent(EXAMPLE_TEXT, OWNER.publicKey(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("signature must not be null");
    }
}
