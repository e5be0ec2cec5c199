package network.mira.sessions.intent;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * The binary form of a {@link SignedIntent}, e.g. as instruction data:
 *
 * <pre>
 * u16 LE   text length in bytes (at most {@link IntentText#MAX_BYTES})
 * bytes    the text, UTF-8
 * 32 bytes owner
 * 64 bytes signature
 * </pre>
 *
 * Canonical: decoding refuses invalid UTF-8 (so the text's bytes are the bytes that were signed)
 * and, in {@link #decode(byte[])}, trailing bytes. It does not check the text's form or the
 * signature; {@link SignedIntent#verify()} does.
 */
public final class SignedIntentCodec {
    public static final int MAX_ENCODED_BYTES = 2 + IntentText.MAX_BYTES + PublicKey.LENGTH + Signature.LENGTH;

    private SignedIntentCodec() {}

    /** @throws IllegalArgumentException if the text is longer than {@link IntentText#MAX_BYTES} bytes */
    public static byte[] encode(SignedIntent signed) {
        ByteWriter out = new ByteWriter(MAX_ENCODED_BYTES);
        write(out, signed);
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if the text is longer than {@link IntentText#MAX_BYTES} bytes */
    public static void write(ByteWriter out, SignedIntent signed) {
        byte[] text = signed.text().getBytes(StandardCharsets.UTF_8);
        if (text.length > IntentText.MAX_BYTES) {
            throw new IllegalArgumentException(
                    "signed intent text is " + text.length + " bytes, at most " + IntentText.MAX_BYTES);
        }
        out.u8(text.length & 0xFF).u8(text.length >>> 8);
        out.raw(text);
        out.raw(signed.owner().bytes());
        out.raw(signed.signature().bytes());
    }

    /** Decodes exactly one signed intent; trailing bytes are refused. */
    public static SignedIntent decode(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new DecodeException("signed intent: " + bytes.length + " bytes, at most " + MAX_ENCODED_BYTES);
        }
        ByteReader in = new ByteReader(bytes);
        SignedIntent signed = read(in);
        in.expectEnd("signed intent");
        return signed;
    }

    /** Reads one signed intent from an embedding structure, leaving the reader after it. */
    public static SignedIntent read(ByteReader in) throws DecodeException {
        int length = in.u8("signed intent text length") | in.u8("signed intent text length") << 8;
        if (length > IntentText.MAX_BYTES) {
            throw new DecodeException(
                    "signed intent text: length " + length + " exceeds maximum " + IntentText.MAX_BYTES);
        }
        String text = strictUtf8(in.raw(length, "signed intent text"));
        PublicKey owner = PublicKey.wrap(in.raw(PublicKey.LENGTH, "signed intent owner"));
        Signature signature = Signature.wrap(in.raw(Signature.LENGTH, "signed intent signature"));
        return new SignedIntent(text, owner, signature);
    }

    private static String strictUtf8(byte[] bytes) throws DecodeException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException invalid) {
            throw new DecodeException("signed intent text: not valid UTF-8");
        }
        // Belt and braces: the signature covers bytes, so the text must give back the same bytes.
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new DecodeException("signed intent text: UTF-8 does not re-encode to the same bytes");
        }
        return text;
    }
}
