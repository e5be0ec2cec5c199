package network.mira.verification.program;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.AccountMeta;
import network.mira.core.tx.Instruction;
import network.mira.svm.program.InstructionDecodeException;

/**
 * The verification program's id, the addresses of its accounts (all derived, so a client computes them
 * without asking) and instruction builders with the account order {@link VerificationProgramRuntime}
 * expects.
 */
public final class VerificationProgram {
    public static final PublicKey ID = PublicKey.fromBase58("Verification1111111111111111111111111111111");

    /** SHA-256("mira/verify-pending"): the requests of the current block, drawn by the next. */
    public static final PublicKey PENDING_DRAWS = derive("mira/verify-pending", new byte[0]);
    /** SHA-256("mira/verify-results"): the last {@link #RECENT_RESULTS_KEPT} settled requests, for streams. */
    public static final PublicKey RECENT_RESULTS = derive("mira/verify-results", new byte[0]);
    public static final int RECENT_RESULTS_KEPT = 256;

    /** Charged before each instruction. */
    public static final long COMPUTE_UNITS = 5_000;
    /** Added per reveal: an Ed25519 verification of the attestation. */
    public static final long REVEAL_VERIFY_UNITS = 3_000;
    /** Added per 64 bytes of request body: decomposition and hashing. */
    public static final long UNITS_PER_64_BODY_BYTES = 100;

    private VerificationProgram() {}

    /** SHA-256("mira/verify-request" ‖ requester ‖ nonce as u64 LE): one request per (requester, nonce). */
    public static PublicKey requestAddress(PublicKey requester, long nonce) {
        return derive("mira/verify-request", new ByteWriter(40).raw(requester.bytes()).u64(nonce).toByteArray());
    }

    /** SHA-256("mira/verify-draft" ‖ requester ‖ nonce as u64 LE): a body written in several transactions. */
    public static PublicKey draftAddress(PublicKey requester, long nonce) {
        return derive("mira/verify-draft", new ByteWriter(40).raw(requester.bytes()).u64(nonce).toByteArray());
    }

    /** SHA-256("mira/verify-deadline" ‖ height as u64 LE): requests whose reveal window ends at that height. */
    public static PublicKey deadlineBucket(long height) {
        return derive("mira/verify-deadline", new ByteWriter(8).u64(height).toByteArray());
    }

    /** SHA-256("mira/verify-attestor" ‖ identity): a validator's record as a verifier. */
    public static PublicKey attestorStats(PublicKey identity) {
        return derive("mira/verify-attestor", identity.bytes());
    }

    /** 0 for committee size or threshold means the genesis default. */
    public static Instruction request(PublicKey requester, long nonce, long fee, int committeeSize, int thresholdBps,
                                      RequestBody body) {
        return new Instruction(ID, List.of(AccountMeta.writable(requester, true),
                AccountMeta.writable(requestAddress(requester, nonce), false), AccountMeta.writable(PENDING_DRAWS, false)),
                new VerificationInstruction.Request(nonce, fee, committeeSize, thresholdBps, body).encode());
    }

    public static Instruction writeDraft(PublicKey requester, long nonce, int offset, byte[] chunk) {
        return new Instruction(ID, List.of(AccountMeta.writable(requester, true),
                AccountMeta.writable(draftAddress(requester, nonce), false)),
                new VerificationInstruction.WriteDraft(nonce, offset, chunk).encode());
    }

    public static Instruction requestFromDraft(PublicKey requester, long nonce, long fee, int committeeSize,
                                               int thresholdBps) {
        return new Instruction(ID, List.of(AccountMeta.writable(requester, true),
                AccountMeta.writable(requestAddress(requester, nonce), false), AccountMeta.writable(PENDING_DRAWS, false),
                AccountMeta.writable(draftAddress(requester, nonce), false)),
                new VerificationInstruction.RequestFromDraft(nonce, fee, committeeSize, thresholdBps).encode());
    }

    public static Instruction commit(PublicKey member, PublicKey request,
                                     List<VerificationInstruction.CommitEntry> entries) {
        return new Instruction(ID, List.of(AccountMeta.writable(member, true), AccountMeta.writable(request, false)),
                new VerificationInstruction.Commit(entries).encode());
    }

    public static Instruction reveal(PublicKey member, PublicKey request,
                                     List<VerificationInstruction.RevealEntry> entries) {
        return new Instruction(ID, List.of(AccountMeta.writable(member, true), AccountMeta.writable(request, false)),
                new VerificationInstruction.Reveal(entries).encode());
    }

    /**
     * The request account {@code instruction} opens, when it is this program's Request or RequestFromDraft
     * with the requester as its first account: what a client follows after submitting it. Empty for any
     * other instruction, including one whose data does not decode (the program would refuse it).
     */
    public static Optional<PublicKey> requestOpenedBy(Instruction instruction) {
        if (!instruction.programId().equals(ID) || instruction.accounts().isEmpty()) {
            return Optional.empty();
        }
        VerificationInstruction decoded;
        try {
            decoded = VerificationInstruction.decode(instruction.data());
        } catch (InstructionDecodeException e) {
            return Optional.empty();
        }
        PublicKey requester = instruction.accounts().get(0).key();
        if (decoded instanceof VerificationInstruction.Request request) {
            return Optional.of(requestAddress(requester, request.nonce()));
        }
        if (decoded instanceof VerificationInstruction.RequestFromDraft request) {
            return Optional.of(requestAddress(requester, request.nonce()));
        }
        return Optional.empty();
    }

    private static PublicKey derive(String domain, byte[] seed) {
        return PublicKey.wrap(Hash.sha256(domain.getBytes(StandardCharsets.UTF_8), seed).bytes());
    }
}
