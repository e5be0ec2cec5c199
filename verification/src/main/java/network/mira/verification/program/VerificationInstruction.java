package network.mira.verification.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.Signature;
import network.mira.svm.program.InstructionDecodeException;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.attestation.VerdictCodes;
import network.mira.verification.claims.ClaimLimits;
import network.mira.verification.verifier.Verdict;

/**
 * The verification program's instructions: a u8 discriminant, then the fields below; trailing bytes are
 * refused. A committee size or threshold of 0 means the genesis default. Account lists are on each record
 * and in docs/verification.md.
 */
public sealed interface VerificationInstruction {
    /** Largest draft: a claims body at its bound. */
    int MAX_DRAFT_BYTES = RequestBody.MAX_ENCODED_BYTES;
    /** Most commitments or reveals in one instruction (one member's seats on one request). */
    int MAX_ENTRIES = ClaimLimits.MAX_CLAIMS;

    byte[] encode();

    /**
     * 0. Opens a request whose body fits in the transaction. Accounts: [requester (s, w), request (w),
     * pending draws (w)].
     */
    record Request(long nonce, long fee, int committeeSize, int thresholdBps, RequestBody body)
            implements VerificationInstruction {
        public Request {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public byte[] encode() {
            return new ByteWriter(64).u8(0).u64(nonce).u64(fee).u32(committeeSize).u32(thresholdBps)
                    .raw(body.encode()).toByteArray();
        }
    }

    /**
     * 1. Writes {@code chunk} at {@code offset} of the requester's draft (a body too large for one
     * transaction); offset 0 starts a new draft. Accounts: [requester (s, w), draft (w)].
     */
    record WriteDraft(long nonce, int offset, byte[] chunk) implements VerificationInstruction {
        public WriteDraft {
            chunk = chunk.clone();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }

        @Override
        public byte[] encode() {
            return new ByteWriter(16 + chunk.length).u8(1).u64(nonce).u32(offset).bytes(chunk).toByteArray();
        }
    }

    /**
     * 2. Opens a request whose body is the requester's draft, and empties the draft. Accounts:
     * [requester (s, w), request (w), pending draws (w), draft (w)].
     */
    record RequestFromDraft(long nonce, long fee, int committeeSize, int thresholdBps)
            implements VerificationInstruction {
        @Override
        public byte[] encode() {
            return new ByteWriter(32).u8(2).u64(nonce).u64(fee).u32(committeeSize).u32(thresholdBps).toByteArray();
        }
    }

    /** One seat's commitment. */
    record CommitEntry(int claimIndex, Hash commitment) {
        public CommitEntry {
            Objects.requireNonNull(commitment, "commitment");
        }
    }

    /** 3. A member's commitments for its seats on one request. Accounts: [member (s, w), request (w)]. */
    record Commit(List<CommitEntry> entries) implements VerificationInstruction {
        public Commit {
            entries = List.copyOf(entries);
        }

        @Override
        public byte[] encode() {
            ByteWriter out = new ByteWriter(8 + entries.size() * 36).u8(3).u32(entries.size());
            entries.forEach(entry -> out.u32(entry.claimIndex()).raw(entry.commitment().bytes()));
            return out.toByteArray();
        }
    }

    /** One seat's reveal: the attestation's verdict, salt and signature. */
    record RevealEntry(int claimIndex, Verdict verdict, byte[] salt, Signature signature) {
        public RevealEntry {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(signature, "signature");
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }
    }

    /** 4. A member's reveals for its seats on one request. Accounts: [member (s, w), request (w)]. */
    record Reveal(List<RevealEntry> entries) implements VerificationInstruction {
        public Reveal {
            entries = List.copyOf(entries);
        }

        @Override
        public byte[] encode() {
            ByteWriter out = new ByteWriter(8 + entries.size() * 101).u8(4).u32(entries.size());
            entries.forEach(entry -> out.u32(entry.claimIndex()).u8(VerdictCodes.code(entry.verdict()))
                    .raw(entry.salt()).raw(entry.signature().bytes()));
            return out.toByteArray();
        }
    }

    static VerificationInstruction decode(byte[] data) throws InstructionDecodeException {
        try {
            ByteReader in = new ByteReader(data);
            int tag = in.u8("instruction");
            VerificationInstruction instruction = switch (tag) {
                case 0 -> new Request(in.u64("nonce"), in.u64("fee"), u32int(in, "committee size"),
                        u32int(in, "threshold"), RequestBody.decode(in.raw(in.remaining(), "body")));
                case 1 -> new WriteDraft(in.u64("nonce"), u32int(in, "offset"), in.bytes(MAX_DRAFT_BYTES, "chunk"));
                case 2 -> new RequestFromDraft(in.u64("nonce"), in.u64("fee"), u32int(in, "committee size"),
                        u32int(in, "threshold"));
                case 3 -> decodeCommit(in);
                case 4 -> decodeReveal(in);
                default -> throw new DecodeException("unknown verification instruction " + tag);
            };
            in.expectEnd("verification instruction");
            return instruction;
        } catch (DecodeException | IllegalArgumentException e) {
            throw new InstructionDecodeException(e.getMessage());
        }
    }

    private static Commit decodeCommit(ByteReader in) throws DecodeException {
        int count = entryCount(in);
        List<CommitEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new CommitEntry(u32int(in, "claim index"), Hash.wrap(in.raw(Hash.LENGTH, "commitment"))));
        }
        return new Commit(entries);
    }

    private static Reveal decodeReveal(ByteReader in) throws DecodeException {
        int count = entryCount(in);
        List<RevealEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int claimIndex = u32int(in, "claim index");
            Verdict verdict = VerdictCodes.fromCode(in.u8("verdict"));
            byte[] salt = in.raw(AttestationCommitment.SALT_LENGTH, "salt");
            entries.add(new RevealEntry(claimIndex, verdict, salt, Signature.wrap(in.raw(Signature.LENGTH,
                    "signature"))));
        }
        return new Reveal(entries);
    }

    private static int entryCount(ByteReader in) throws DecodeException {
        long count = in.u32("entry count");
        if (count == 0 || count > MAX_ENTRIES) {
            throw new DecodeException("entry count " + count + " is not 1.." + MAX_ENTRIES);
        }
        return (int) count;
    }

    private static int u32int(ByteReader in, String what) throws DecodeException {
        long value = in.u32(what);
        if (value > Integer.MAX_VALUE) {
            throw new DecodeException(what + " " + value + " is too large");
        }
        return (int) value;
    }
}
