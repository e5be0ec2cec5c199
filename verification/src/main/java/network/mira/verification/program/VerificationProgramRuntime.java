package network.mira.verification.program;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.InstructionAccount;
import network.mira.svm.InstructionException;
import network.mira.svm.InvokeContext;
import network.mira.svm.NativeProgram;
import network.mira.svm.program.DerivedAccounts;
import network.mira.svm.program.InstructionDecodeException;
import network.mira.svm.program.system.SystemProgram;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.claims.Claim;
import network.mira.verification.claims.ClaimsRefusedException;
import network.mira.verification.verdict.Threshold;

/**
 * The verification program: it records requests (claims, escrowed fee, committee size, threshold) and
 * members' commitments and reveals. Committees are drawn, and requests resolved, by
 * {@link VerificationHook} outside any transaction. A refusal fails the transaction, which changes nothing
 * but its fee; the error codes are listed in docs/verification.md. The one offence an instruction records
 * rather than refuses is a second, different commitment: refusing it would erase the evidence.
 */
public final class VerificationProgramRuntime implements NativeProgram {
    private final String chainId;
    private final VerificationParameters parameters;

    public VerificationProgramRuntime(String chainId, VerificationParameters parameters) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public PublicKey id() {
        return VerificationProgram.ID;
    }

    @Override
    public OptionalLong computeUnitsPerInstruction() {
        return OptionalLong.of(VerificationProgram.COMPUTE_UNITS);
    }

    /** It signs for the addresses it derives (request and draft accounts) when it creates them, nothing else. */
    @Override
    public boolean mayGrantSignatures() {
        return true;
    }

    @Override
    public void validate(byte[] instructionData) throws InstructionDecodeException {
        VerificationInstruction.decode(instructionData);
    }

    @Override
    public void execute(InvokeContext context) throws InstructionException {
        VerificationInstruction instruction;
        try {
            instruction = VerificationInstruction.decode(context.data());
        } catch (InstructionDecodeException e) {
            throw new InstructionException("INVALID_INSTRUCTION_DATA", e.getMessage());
        }
        if (instruction instanceof VerificationInstruction.Request request) {
            expectAccounts(context, 3);
            open(context, request.nonce(), request.fee(), request.committeeSize(), request.thresholdBps(),
                    request.body(), request.body().encode().length);
        } else if (instruction instanceof VerificationInstruction.WriteDraft write) {
            expectAccounts(context, 2);
            writeDraft(context, write);
        } else if (instruction instanceof VerificationInstruction.RequestFromDraft fromDraft) {
            expectAccounts(context, 4);
            openFromDraft(context, fromDraft);
        } else if (instruction instanceof VerificationInstruction.Commit commit) {
            expectAccounts(context, 2);
            new Attesting(context, chainId).commit(commit.entries());
        } else if (instruction instanceof VerificationInstruction.Reveal reveal) {
            expectAccounts(context, 2);
            new Attesting(context, chainId).reveal(reveal.entries());
        }
    }

    private void open(InvokeContext context, long nonce, long fee, int committeeSize, int thresholdBps,
                      RequestBody body, int bodyBytes) throws InstructionException {
        PublicKey requester = signer(context.account(0), "requester");
        InstructionAccount request = expectKey(context.account(1), VerificationProgram.requestAddress(requester,
                nonce), "request");
        InstructionAccount pending = expectKey(context.account(2), VerificationProgram.PENDING_DRAWS, "pending draws");
        if (!isFresh(request.get())) {
            throw new InstructionException("RequestExists", "request " + request.key() + " (nonce " + nonce
                    + ") already exists; use another nonce");
        }
        int k = committeeSize == 0 ? (int) parameters.defaultCommittee() : committeeSize;
        if (k < 1 || k > parameters.maxCommittee()) {
            throw new InstructionException("InvalidCommitteeSize", "committee size " + committeeSize + " is not 1.."
                    + parameters.maxCommittee());
        }
        int threshold = thresholdBps == 0 ? (int) parameters.defaultThresholdBps() : thresholdBps;
        if (threshold < Threshold.MIN_BPS || threshold > Threshold.MAX_BPS) {
            throw new InstructionException("InvalidThreshold", "threshold " + thresholdBps + " bps is not "
                    + Threshold.MIN_BPS + ".." + Threshold.MAX_BPS);
        }
        if (fee < parameters.minFee()) {
            throw new InstructionException("FeeTooLow", "fee " + fee + " is below the minimum of "
                    + parameters.minFee() + " lamports");
        }
        context.consumeCompute((bodyBytes / 64 + 1) * VerificationProgram.UNITS_PER_64_BODY_BYTES);
        List<Claim> claims;
        try {
            claims = body.toClaims();
        } catch (ClaimsRefusedException e) {
            throw new InstructionException("ClaimsRefused", e.reason() + ": " + e.getMessage());
        }
        long height = context.block().height();
        AddressList queue = decode(pending.get(), "pending draws");
        if (queue.countAt(height) >= parameters.maxRequestsPerBlock()) {
            throw new InstructionException("RequestQueueFull", "this block already opened "
                    + parameters.maxRequestsPerBlock() + " requests; submit again");
        }
        create(context, 0, 1);
        if (isFresh(pending.get())) {
            create(context, 0, 2);
        }
        context.invoke(SystemProgram.ID, new int[] {0, 1}, SystemProgram.transfer(requester, request.key(), fee)
                .data(), Set.of());
        request.set(request.get().withData(RequestRecord.requested(requester, nonce, height, fee, k, threshold,
                claims).encode()));
        pending.set(pending.get().withData(queue.with(request.key(), height).encode()));
    }

    private void writeDraft(InvokeContext context, VerificationInstruction.WriteDraft write)
            throws InstructionException {
        PublicKey requester = signer(context.account(0), "requester");
        InstructionAccount draft = expectKey(context.account(1), VerificationProgram.draftAddress(requester,
                write.nonce()), "draft");
        if (isFresh(draft.get())) {
            create(context, 0, 1);
        }
        byte[] current = draft.get().data();
        if (write.offset() != 0 && write.offset() != current.length) {
            throw new InstructionException("DraftOffsetMismatch", "the draft holds " + current.length
                    + " bytes; write at that offset, or at 0 to start again");
        }
        byte[] chunk = write.chunk();
        int start = write.offset();
        if ((long) start + chunk.length > VerificationInstruction.MAX_DRAFT_BYTES) {
            throw new InstructionException("DraftTooLarge", "a draft holds at most "
                    + VerificationInstruction.MAX_DRAFT_BYTES + " bytes");
        }
        byte[] written = java.util.Arrays.copyOf(start == 0 ? new byte[0] : current, start + chunk.length);
        System.arraycopy(chunk, 0, written, start, chunk.length);
        draft.set(draft.get().withData(written));
    }

    private void openFromDraft(InvokeContext context, VerificationInstruction.RequestFromDraft fromDraft)
            throws InstructionException {
        PublicKey requester = signer(context.account(0), "requester");
        InstructionAccount draft = expectKey(context.account(3), VerificationProgram.draftAddress(requester,
                fromDraft.nonce()), "draft");
        if (isFresh(draft.get()) || draft.get().dataLength() == 0) {
            throw new InstructionException("DraftMissing", "no draft for nonce " + fromDraft.nonce());
        }
        byte[] bytes = draft.get().data();
        RequestBody body;
        try {
            body = RequestBody.decode(bytes);
        } catch (DecodeException e) {
            throw new InstructionException("InvalidRequestBody", "the draft is not a request body: " + e.getMessage());
        }
        draft.set(draft.get().withData(new byte[0]));
        open(context, fromDraft.nonce(), fromDraft.fee(), fromDraft.committeeSize(), fromDraft.thresholdBps(), body,
                bytes.length);
    }

    private static void create(InvokeContext context, int payerIndex, int accountIndex) throws InstructionException {
        DerivedAccounts.create(context, payerIndex, accountIndex, VerificationProgram.ID);
    }

    private static boolean isFresh(Account account) {
        return DerivedAccounts.isFresh(account);
    }

    static AddressList decode(Account account, String what) throws InstructionException {
        try {
            return AddressList.decode(account.data());
        } catch (DecodeException e) {
            throw new InstructionException("InvalidAccountData", what + ": " + e.getMessage());
        }
    }

    static PublicKey signer(InstructionAccount account, String role) throws InstructionException {
        if (!account.isSigner()) {
            throw new InstructionException("MissingRequiredSignature", "the " + role + " " + account.key()
                    + " must sign");
        }
        return account.key();
    }

    static InstructionAccount expectKey(InstructionAccount account, PublicKey expected, String role)
            throws InstructionException {
        if (!account.key().equals(expected)) {
            throw new InstructionException("InvalidAccount", "the " + role + " account must be " + expected
                    + ", got " + account.key());
        }
        return account;
    }

    private static void expectAccounts(InvokeContext context, int count) throws InstructionException {
        if (context.accountCount() != count) {
            throw new InstructionException("WRONG_ACCOUNT_COUNT", "instruction declares " + count + " accounts, got "
                    + context.accountCount());
        }
    }

    /** The commit and reveal side: one member, one request. */
    private static final class Attesting {
        private final InvokeContext context;
        private final String chainId;

        Attesting(InvokeContext context, String chainId) {
            this.context = context;
            this.chainId = chainId;
        }

        void commit(List<VerificationInstruction.CommitEntry> entries) throws InstructionException {
            PublicKey member = signer(context.account(0), "member");
            InstructionAccount account = context.account(1);
            RequestRecord request = load(account);
            RequestPhase.Window window = request.windowAt(context.block().height());
            if (window != RequestPhase.Window.COMMIT) {
                throw new InstructionException("CommitWindowClosed", "request " + account.key() + " takes commits up to "
                        + "height " + request.draw().commitDeadline() + "; this block is "
                        + context.block().height());
            }
            int poolIndex = request.poolIndexOf(member);
            List<ClaimState> claims = new java.util.ArrayList<>(request.claims());
            for (VerificationInstruction.CommitEntry entry : entries) {
                int seat = seat(claims, entry.claimIndex(), poolIndex, member);
                MemberSlot slot = claims.get(entry.claimIndex()).seats().get(seat);
                MemberSlot changed;
                if (!slot.committed()) {
                    changed = slot.withCommitment(entry.commitment());
                } else if (slot.commitment().equals(entry.commitment())) {
                    throw new InstructionException("DuplicateCommit", member + " already committed this on claim "
                            + entry.claimIndex());
                } else {
                    changed = slot.withEquivocation();
                }
                claims.set(entry.claimIndex(), claims.get(entry.claimIndex()).withSeat(seat, changed));
            }
            account.set(account.get().withData(request.withClaims(claims).encode()));
        }

        void reveal(List<VerificationInstruction.RevealEntry> entries) throws InstructionException {
            PublicKey member = signer(context.account(0), "member");
            InstructionAccount account = context.account(1);
            RequestRecord request = load(account);
            long height = context.block().height();
            if (request.windowAt(height) != RequestPhase.Window.REVEAL) {
                String when = request.phase() == RequestPhase.OPEN && height <= request.draw().commitDeadline()
                        ? "opens after the commit deadline " + request.draw().commitDeadline()
                        : "is closed";
                throw new InstructionException("RevealWindowClosed", "the reveal window of " + account.key() + " "
                        + when + "; this block is " + height);
            }
            int poolIndex = request.poolIndexOf(member);
            Hash requestId = request.draw().requestId();
            List<ClaimState> claims = new java.util.ArrayList<>(request.claims());
            for (VerificationInstruction.RevealEntry entry : entries) {
                context.consumeCompute(VerificationProgram.REVEAL_VERIFY_UNITS);
                int seat = seat(claims, entry.claimIndex(), poolIndex, member);
                MemberSlot slot = claims.get(entry.claimIndex()).seats().get(seat);
                if (!slot.committed()) {
                    throw new InstructionException("RevealWithoutCommit", member + " did not commit on claim "
                            + entry.claimIndex());
                }
                if (slot.equivocated()) {
                    throw new InstructionException("SeatEquivocated", member + " committed twice on claim "
                            + entry.claimIndex() + "; its seat no longer counts");
                }
                if (slot.revealed()) {
                    throw new InstructionException("DuplicateReveal", member + " already revealed on claim "
                            + entry.claimIndex());
                }
                Hash opened = AttestationCommitment.of(requestId, entry.claimIndex(), entry.verdict(), entry.salt(),
                        member);
                if (!opened.equals(slot.commitment())) {
                    throw new InstructionException("RevealMismatch", "the reveal of " + member + " on claim "
                            + entry.claimIndex() + " does not open its commitment");
                }
                Attestation attestation = new Attestation(requestId, entry.claimIndex(), entry.verdict(), entry.salt(),
                        member, entry.signature());
                if (!attestation.verify(chainId)) {
                    throw new InstructionException("BadAttestationSignature", "the attestation of " + member
                            + " on claim " + entry.claimIndex() + " is not signed by it for chain " + chainId);
                }
                claims.set(entry.claimIndex(), claims.get(entry.claimIndex()).withSeat(seat,
                        slot.withReveal(entry.verdict(), entry.salt(), entry.signature())));
            }
            account.set(account.get().withData(request.withClaims(claims).encode()));
        }

        private RequestRecord load(InstructionAccount account) throws InstructionException {
            if (!account.get().owner().equals(VerificationProgram.ID) || account.get().dataLength() == 0) {
                throw new InstructionException("UnknownRequest", "no request at " + account.key());
            }
            RequestRecord request;
            try {
                request = RequestRecord.decode(account.get().data());
            } catch (DecodeException e) {
                throw new InstructionException("UnknownRequest", account.key() + " is not a request: "
                        + e.getMessage());
            }
            if (request.phase() == RequestPhase.AWAITING_DRAW) {
                throw new InstructionException("CommitteeNotDrawn", "request " + account.key()
                        + " has no committees yet; they are drawn in the block after the request");
            }
            return request;
        }

        private static int seat(List<ClaimState> claims, int claimIndex, int poolIndex, PublicKey member)
                throws InstructionException {
            if (claimIndex >= claims.size()) {
                throw new InstructionException("UnknownClaim", "the request has " + claims.size()
                        + " claims; there is no claim " + claimIndex);
            }
            int seat = poolIndex < 0 ? -1 : claims.get(claimIndex).seatOf(poolIndex);
            if (seat < 0) {
                throw new InstructionException("NotCommitteeMember", member + " is not on the committee of claim "
                        + claimIndex);
            }
            return seat;
        }
    }
}
