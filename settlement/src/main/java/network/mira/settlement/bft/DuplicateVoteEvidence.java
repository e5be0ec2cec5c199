package network.mira.settlement.bft;

import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * Two conflicting signed votes from one validator for the same (height, round, step). Both
 * signatures were checked before the votes reached the vote set, so this is proof on its own;
 * evidence from anywhere else is checked by the settlement layer's {@code EvidenceVerifier}.
 *
 * <p>{@code first} and {@code second} keep the order the votes were seen in. The encoding does
 * not: it is {@link #KIND} (u8) followed by the two votes ({@link Vote#encode()}) in canonical
 * order, ascending by (block hash, state root) as unsigned bytes, which is the order of their sign
 * bytes (their height, round and step are equal). So one pair of votes has exactly one encoding
 * ({@link #ENCODED_LENGTH} bytes) and one {@link #hash()}, whichever vote came first.
 */
public record DuplicateVoteEvidence(Vote first, Vote second) {
    /** Evidence kind tag, the first encoded byte; other kinds of evidence get other tags. */
    public static final int KIND = 1;
    public static final int ENCODED_LENGTH = 1 + 2 * Vote.ENCODED_LENGTH;

    public DuplicateVoteEvidence {
        if (!first.conflictsWith(second)) {
            throw new IllegalArgumentException("votes do not conflict: " + first + " / " + second);
        }
    }

    public long height() {
        return first.height();
    }

    public int round() {
        return first.round();
    }

    public VoteStep step() {
        return first.step();
    }

    public PublicKey validator() {
        return first.validator();
    }

    /** The same evidence with its votes in canonical order. */
    public DuplicateVoteEvidence canonical() {
        return compareValues(first, second) <= 0 ? this : new DuplicateVoteEvidence(second, first);
    }

    public byte[] encode() {
        DuplicateVoteEvidence canonical = canonical();
        ByteWriter writer = new ByteWriter(ENCODED_LENGTH).u8(KIND);
        canonical.first.encodeTo(writer);
        canonical.second.encodeTo(writer);
        return writer.toByteArray();
    }

    /** SHA-256 of the canonical encoding: the evidence's identity in pools, blocks and the ledger. */
    public Hash hash() {
        return Hash.sha256(encode());
    }

    /**
     * Decodes canonical bytes only: the right kind and length, two votes by one validator for one
     * slot with different values, in canonical order. The result is in canonical order.
     */
    public static DuplicateVoteEvidence decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        int kind = reader.u8("evidence kind");
        if (kind != KIND) {
            throw new DecodeException("evidence kind " + kind + " is not supported (expected " + KIND
                    + ", duplicate vote)");
        }
        Vote first = Vote.decode(reader, "first vote");
        Vote second = Vote.decode(reader, "second vote");
        reader.expectEnd("duplicate vote evidence");
        if (!first.validator().equals(second.validator())) {
            throw new DecodeException("duplicate vote evidence: votes are from different validators "
                    + first.validator() + " and " + second.validator());
        }
        if (first.height() != second.height() || first.round() != second.round() || first.step() != second.step()) {
            throw new DecodeException("duplicate vote evidence: votes are for different slots " + slot(first)
                    + " and " + slot(second));
        }
        int order = compareValues(first, second);
        if (order == 0) {
            throw new DecodeException("duplicate vote evidence: both votes are for block " + first.blockHash()
                    + " with state root " + first.stateRoot() + ", which is no conflict");
        }
        if (order > 0) {
            throw new DecodeException("duplicate vote evidence: votes are not in canonical order "
                    + "(ascending block hash, then state root)");
        }
        return new DuplicateVoteEvidence(first, second);
    }

    /** The order of the votes' sign bytes for votes of one slot: block hash, then state root. */
    static int compareValues(Vote a, Vote b) {
        int byBlock = a.blockHash().compareTo(b.blockHash());
        return byBlock != 0 ? byBlock : a.stateRoot().compareTo(b.stateRoot());
    }

    private static String slot(Vote vote) {
        return vote.height() + "/" + vote.round() + "/" + vote.step();
    }
}
