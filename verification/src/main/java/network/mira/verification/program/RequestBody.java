package network.mira.verification.program;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.verification.claims.Claim;
import network.mira.verification.claims.ClaimDecomposer;
import network.mira.verification.claims.ClaimLimits;
import network.mira.verification.claims.ClaimsRefusedException;

/**
 * What a request asks to verify: an AI output as text, split on chain by {@link ClaimDecomposer}, or the
 * client's own claims. Encoded as u8 kind (0 text, 1 claims) ‖ for text, the UTF-8 bytes to the end; for
 * claims, u32 count ‖ (u32 length ‖ UTF-8)*.
 */
public record RequestBody(Kind kind, String text, List<String> claims) {
    /** The largest encoded body: 64 claims of 512 bytes with their lengths. */
    public static final int MAX_ENCODED_BYTES = 1 + 4 + ClaimLimits.MAX_CLAIMS * (4 + ClaimLimits.MAX_CLAIM_BYTES);

    public enum Kind { TEXT, CLAIMS }

    public RequestBody {
        Objects.requireNonNull(kind, "kind");
        claims = claims == null ? List.of() : List.copyOf(claims);
        if ((kind == Kind.TEXT) != (text != null)) {
            throw new IllegalArgumentException("a text body has text, a claims body has claims");
        }
    }

    public static RequestBody text(String text) {
        return new RequestBody(Kind.TEXT, text, List.of());
    }

    public static RequestBody claims(List<String> claims) {
        return new RequestBody(Kind.CLAIMS, null, claims);
    }

    /** The claims this body asks about, split or checked by the decomposer's documented rules and limits. */
    public List<Claim> toClaims() throws ClaimsRefusedException {
        return kind == Kind.TEXT ? ClaimDecomposer.decompose(text) : ClaimDecomposer.fromExplicitClaims(claims);
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(256).u8(kind.ordinal());
        if (kind == Kind.TEXT) {
            return out.raw(text.getBytes(StandardCharsets.UTF_8)).toByteArray();
        }
        out.u32(claims.size());
        claims.forEach(out::string);
        return out.toByteArray();
    }

    /** @throws DecodeException for an unknown kind, bad UTF-8, too many claims or trailing bytes */
    public static RequestBody decode(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new DecodeException("request body of " + bytes.length + " bytes exceeds " + MAX_ENCODED_BYTES);
        }
        ByteReader in = new ByteReader(bytes);
        int kind = in.u8("body kind");
        if (kind == Kind.TEXT.ordinal()) {
            return text(strictUtf8(in.raw(in.remaining(), "text")));
        }
        if (kind != Kind.CLAIMS.ordinal()) {
            throw new DecodeException("body kind " + kind + " is neither 0 (text) nor 1 (claims)");
        }
        long count = in.u32("claim count");
        if (count > ClaimLimits.MAX_CLAIMS) {
            throw new DecodeException(count + " claims, at most " + ClaimLimits.MAX_CLAIMS);
        }
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            claims.add(strictUtf8(in.bytes(ClaimLimits.MAX_CLAIM_BYTES, "claim " + i)));
        }
        in.expectEnd("request body");
        return claims(claims);
    }

    /** Malformed UTF-8 is refused rather than replaced: the claims' hashes must be of the bytes sent. */
    private static String strictUtf8(byte[] bytes) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("text is not valid UTF-8");
        }
    }
}
