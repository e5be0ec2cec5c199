package network.mira.sessions.program;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.sessions.intent.SignedIntent;
import network.mira.sessions.intent.SignedIntentCodec;
import network.mira.sessions.scope.SessionScope;
import network.mira.sessions.scope.SessionScopeCodec;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The session program's instructions: a u32 little-endian discriminant, then the fields below;
 * trailing bytes are refused. Account lists are on each record and in docs/sessions.md.
 */
public sealed interface SessionInstruction {
    int MAX_DOMAIN_BYTES = 64;
    int MAX_INNER_ACCOUNTS = 32;
    int MAX_INNER_DATA = 1_024;
    int MAX_REVOCATION_BYTES = 512;

    /** Accounts the instruction must declare (at least, for {@link Act}). */
    int accounts();

    byte[] encode();

    /**
     * 0. The owner signs a transaction that opens the session. Accounts: [payer (s, w), owner (s),
     * session (w), owner book (w), expiry bucket (w)].
     */
    record CreateSession(PublicKey sessionKey, long expiresAtMs, long nonce, String domain, SessionScope scope)
            implements SessionInstruction {
        public CreateSession {
            Objects.requireNonNull(sessionKey, "sessionKey");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public int accounts() {
            return 5;
        }

        @Override
        public byte[] encode() {
            ByteWriter out = start(0).raw(sessionKey.bytes()).u64(expiresAtMs).u64(nonce).string(domain);
            SessionScopeCodec.write(out, scope);
            return out.toByteArray();
        }
    }

    /**
     * 1. Anyone submits the owner's signed intent. Accounts: [payer (s, w), session (w), owner book (w),
     * expiry bucket (w)].
     */
    record CreateSessionFromIntent(SignedIntent intent) implements SessionInstruction {
        public CreateSessionFromIntent {
            Objects.requireNonNull(intent, "intent");
        }

        @Override
        public int accounts() {
            return 4;
        }

        @Override
        public byte[] encode() {
            ByteWriter out = start(1);
            SignedIntentCodec.write(out, intent);
            return out.toByteArray();
        }
    }

    /**
     * 2. The session key runs {@code program}'s instruction with the owner's authority. Accounts:
     * [session (w), session key (s), owner (w), owner book (w), then the inner instruction's accounts];
     * {@code accountIndexes} point into this instruction's accounts (4 and up).
     */
    record Act(PublicKey program, int[] accountIndexes, byte[] data) implements SessionInstruction {
        public Act {
            Objects.requireNonNull(program, "program");
            accountIndexes = accountIndexes.clone();
            data = data.clone();
            if (accountIndexes.length > MAX_INNER_ACCOUNTS || data.length > MAX_INNER_DATA) {
                throw new IllegalArgumentException("inner instruction over " + MAX_INNER_ACCOUNTS + " accounts or "
                        + MAX_INNER_DATA + " bytes");
            }
            for (int index : accountIndexes) {
                if (index < 4 || index > 255) {
                    throw new IllegalArgumentException("inner account index " + index + " must be 4..255");
                }
            }
        }

        @Override
        public int[] accountIndexes() {
            return accountIndexes.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int accounts() {
            return 4;
        }

        @Override
        public byte[] encode() {
            ByteWriter out = start(2).raw(program.bytes()).u8(accountIndexes.length);
            for (int index : accountIndexes) {
                out.u8(index);
            }
            return out.bytes(data).toByteArray();
        }
    }

    /**
     * 3. The owner pays {@code lamports} of the session key's fees, within the fee allowance. Accounts:
     * [session (w), session key (s, w), owner (w), owner book (w)].
     */
    record SponsorFee(long lamports) implements SessionInstruction {
        @Override
        public int accounts() {
            return 4;
        }

        @Override
        public byte[] encode() {
            return start(3).u64(lamports).toByteArray();
        }
    }

    /** 4. The owner ends the session from the next block on. Accounts: [session (w), owner (s), owner book (w)]. */
    record Revoke() implements SessionInstruction {
        @Override
        public int accounts() {
            return 3;
        }

        @Override
        public byte[] encode() {
            return start(4).toByteArray();
        }
    }

    /**
     * 5. Anyone submits the owner's signed revocation ({@link RevocationText}). Data after the
     * discriminant: u16 LE text length, the text, the 64-byte signature. Accounts: [session (w),
     * owner book (w)].
     */
    record RevokeFromIntent(String text, Signature signature) implements SessionInstruction {
        public RevokeFromIntent {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public int accounts() {
            return 2;
        }

        @Override
        public byte[] encode() {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return start(5).u8(bytes.length & 0xFF).u8(bytes.length >>> 8).raw(bytes).raw(signature.bytes())
                    .toByteArray();
        }
    }

    /** @throws InstructionDecodeException naming what is wrong */
    static SessionInstruction decode(byte[] data) throws InstructionDecodeException {
        try {
            ByteReader in = new ByteReader(data);
            long discriminant = in.u32("instruction");
            SessionInstruction instruction = switch ((int) discriminant) {
                case 0 -> new CreateSession(PublicKey.wrap(in.raw(PublicKey.LENGTH, "session key")),
                        nonNegative(in.u64("expires at"), "expires at"), nonNegative(in.u64("nonce"), "nonce"),
                        in.string(MAX_DOMAIN_BYTES, "domain"), SessionScopeCodec.read(in));
                case 1 -> new CreateSessionFromIntent(SignedIntentCodec.read(in));
                case 2 -> act(in);
                case 3 -> new SponsorFee(nonNegative(in.u64("lamports"), "lamports"));
                case 4 -> new Revoke();
                case 5 -> revokeFromIntent(in);
                default -> throw new DecodeException("unknown session instruction " + discriminant);
            };
            in.expectEnd("session instruction");
            return instruction;
        } catch (DecodeException | IllegalArgumentException e) {
            throw new InstructionDecodeException(e.getMessage());
        }
    }

    private static Act act(ByteReader in) throws DecodeException {
        PublicKey program = PublicKey.wrap(in.raw(PublicKey.LENGTH, "program"));
        int count = in.u8("inner account count");
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = in.u8("inner account index");
        }
        return new Act(program, indexes, in.bytes(MAX_INNER_DATA, "inner data"));
    }

    private static RevokeFromIntent revokeFromIntent(ByteReader in) throws DecodeException {
        int length = in.u8("text length") | in.u8("text length") << 8;
        if (length > MAX_REVOCATION_BYTES) {
            throw new DecodeException("revocation text of " + length + " bytes, at most " + MAX_REVOCATION_BYTES);
        }
        String text = new String(in.raw(length, "revocation text"), StandardCharsets.UTF_8);
        return new RevokeFromIntent(text, Signature.wrap(in.raw(Signature.LENGTH, "signature")));
    }

    private static long nonNegative(long value, String what) throws DecodeException {
        if (value < 0) {
            throw new DecodeException(what + " must be below 2^63");
        }
        return value;
    }

    private static ByteWriter start(int discriminant) {
        return new ByteWriter(64).u32(discriminant);
    }
}
