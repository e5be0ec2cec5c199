package network.mira.core.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The validators of an epoch, sorted by key so that every node iterates them identically. Quorum
 * arithmetic is integer only: a stake total is a quorum when {@code 3 * total > 2 * all}.
 */
public final class ValidatorSet {
    private final TreeMap<PublicKey, Validator> byKey = new TreeMap<>();
    private final long totalStake;

    public ValidatorSet(Collection<Validator> validators) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("a validator set needs at least one validator");
        }
        long total = 0;
        for (Validator validator : validators) {
            if (byKey.put(validator.key(), validator) != null) {
                throw new IllegalArgumentException("duplicate validator " + validator.key());
            }
            total = Math.addExact(total, validator.stake());
        }
        // 3 * total must not overflow in quorum checks.
        if (total > Long.MAX_VALUE / 3) {
            throw new IllegalArgumentException("total stake " + total + " is too large");
        }
        this.totalStake = total;
    }

    public long totalStake() {
        return totalStake;
    }

    public int size() {
        return byKey.size();
    }

    public Optional<Validator> get(PublicKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public boolean contains(PublicKey key) {
        return byKey.containsKey(key);
    }

    /** Validators in key order. */
    public List<Validator> validators() {
        return new ArrayList<>(byKey.values());
    }

    /** Strictly more than two thirds of the total stake. */
    public boolean isQuorum(long stake) {
        return stake > 0 && 3 * stake > 2 * totalStake;
    }

    /** Most validators a decoded set may hold (the bound on max_validators). */
    public static final int MAX_VALIDATORS = 10_000;

    /** Committed in every block header so a light client knows which set must sign. */
    public Hash hash() {
        return Hash.sha256(encode());
    }

    /** u32 count, then per validator in key order its 32-byte key and u64 stake; the bytes {@link #hash()} hashes. */
    public byte[] encode() {
        ByteWriter writer = new ByteWriter(8 + byKey.size() * 40).u32(byKey.size());
        for (Validator validator : byKey.values()) {
            writer.raw(validator.key().bytes()).u64(validator.stake());
        }
        return writer.toByteArray();
    }

    /** @throws DecodeException when the bytes are not exactly one canonical encoding */
    public static ValidatorSet decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        long count = reader.u32("validator count");
        if (count < 1 || count > MAX_VALIDATORS) {
            throw new DecodeException("validator count " + count + " is outside 1.." + MAX_VALIDATORS);
        }
        List<Validator> validators = new ArrayList<>((int) count);
        PublicKey previous = null;
        for (int i = 0; i < count; i++) {
            PublicKey key = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "validator key"));
            long stake = reader.u64("validator stake");
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new DecodeException("validators are not in strictly increasing key order");
            }
            if (stake <= 0) {
                throw new DecodeException("validator " + key + " has stake " + Long.toUnsignedString(stake));
            }
            validators.add(new Validator(key, stake));
            previous = key;
        }
        reader.expectEnd("validator set");
        try {
            return new ValidatorSet(validators);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("validator set: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidatorSet set && byKey.equals(set.byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return "ValidatorSet" + byKey.values();
    }

    /** Stake-weighted order, used by proposer selection: highest stake first, ties by key. */
    public List<Validator> byStakeDescending() {
        List<Validator> sorted = validators();
        sorted.sort(Comparator.comparingLong(Validator::stake).reversed().thenComparing(Validator::key));
        return sorted;
    }
}
