package network.mira.verification.program;

import java.util.Arrays;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.Signature;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.attestation.VerdictCodes;
import network.mira.verification.verifier.Verdict;

/**
 * One committee member's seat on one claim: what it has committed and revealed. A member that commits
 * twice differently is marked {@code equivocated}: its seat no longer counts, and it is slashed when
 * the request resolves.
 *
 * @param poolIndex   the member's position in the request's pool
 * @param commitment  its commitment, or null before it commits
 * @param equivocated whether it committed two different commitments
 * @param verdict     its revealed verdict, or null before it reveals
 * @param salt        the revealed salt (32 bytes), or null
 * @param signature   the revealed attestation's signature, or null
 */
public record MemberSlot(int poolIndex, Hash commitment, boolean equivocated, Verdict verdict, byte[] salt,
                         Signature signature) {
    private static final int COMMITTED = 1;
    private static final int EQUIVOCATED = 2;
    private static final int REVEALED = 4;

    public MemberSlot {
        if (poolIndex < 0) {
            throw new IllegalArgumentException("pool index must not be negative");
        }
        if ((verdict == null) != (salt == null) || (verdict == null) != (signature == null)) {
            throw new IllegalArgumentException("a reveal has a verdict, a salt and a signature, or none");
        }
        if (verdict != null && commitment == null) {
            throw new IllegalArgumentException("a member reveals only what it committed");
        }
        if (equivocated && commitment == null) {
            throw new IllegalArgumentException("equivocation needs a commitment");
        }
        salt = salt == null ? null : salt.clone();
    }

    public static MemberSlot empty(int poolIndex) {
        return new MemberSlot(poolIndex, null, false, null, null, null);
    }

    @Override
    public byte[] salt() {
        return salt == null ? null : salt.clone();
    }

    public boolean committed() {
        return commitment != null;
    }

    public boolean revealed() {
        return verdict != null;
    }

    /** A seat whose reveal counts: revealed and never equivocated. */
    public boolean counts() {
        return revealed() && !equivocated;
    }

    public MemberSlot withCommitment(Hash newCommitment) {
        return new MemberSlot(poolIndex, newCommitment, equivocated, null, null, null);
    }

    public MemberSlot withEquivocation() {
        return new MemberSlot(poolIndex, commitment, true, verdict, salt, signature);
    }

    public MemberSlot withReveal(Verdict revealed, byte[] revealedSalt, Signature revealedSignature) {
        return new MemberSlot(poolIndex, commitment, equivocated, revealed, revealedSalt, revealedSignature);
    }

    void encode(ByteWriter out) {
        int flags = (committed() ? COMMITTED : 0) | (equivocated ? EQUIVOCATED : 0) | (revealed() ? REVEALED : 0);
        out.u32(poolIndex).u8(flags);
        if (committed()) {
            out.raw(commitment.bytes());
        }
        if (revealed()) {
            out.u8(VerdictCodes.code(verdict)).raw(salt).raw(signature.bytes());
        }
    }

    static MemberSlot decode(ByteReader in, int poolSize, String what) throws DecodeException {
        long poolIndex = in.u32(what + " pool index");
        if (poolIndex >= poolSize) {
            throw new DecodeException(what + " pool index " + poolIndex + " is outside a pool of " + poolSize);
        }
        int flags = in.u8(what + " flags");
        if ((flags & ~(COMMITTED | EQUIVOCATED | REVEALED)) != 0 || (flags != 0 && (flags & COMMITTED) == 0)) {
            throw new DecodeException(what + " flags " + flags + " are not a valid seat");
        }
        Hash commitment = (flags & COMMITTED) != 0 ? Hash.wrap(in.raw(Hash.LENGTH, what + " commitment")) : null;
        if ((flags & REVEALED) == 0) {
            return new MemberSlot((int) poolIndex, commitment, (flags & EQUIVOCATED) != 0, null, null, null);
        }
        Verdict verdict;
        try {
            verdict = VerdictCodes.fromCode(in.u8(what + " verdict"));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(what + ": " + e.getMessage());
        }
        byte[] salt = in.raw(AttestationCommitment.SALT_LENGTH, what + " salt");
        Signature signature = Signature.wrap(in.raw(Signature.LENGTH, what + " signature"));
        return new MemberSlot((int) poolIndex, commitment, (flags & EQUIVOCATED) != 0, verdict, salt, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberSlot other && poolIndex == other.poolIndex && equivocated == other.equivocated
                && Objects.equals(commitment, other.commitment) && verdict == other.verdict
                && Arrays.equals(salt, other.salt) && Objects.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolIndex, commitment, equivocated, verdict, Arrays.hashCode(salt), signature);
    }
}
