package network.mira.core.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.codec.ByteWriter;
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

    /** Committed in every block header so a light client knows which set must sign. */
    public Hash hash() {
        ByteWriter writer = new ByteWriter(8 + byKey.size() * 40).u32(byKey.size());
        for (Validator validator : byKey.values()) {
            writer.raw(validator.key().bytes()).u64(validator.stake());
        }
        return Hash.sha256(writer.toByteArray());
    }

    /** Stake-weighted order, used by proposer selection: highest stake first, ties by key. */
    public List<Validator> byStakeDescending() {
        List<Validator> sorted = validators();
        sorted.sort(Comparator.comparingLong(Validator::stake).reversed().thenComparing(Validator::key));
        return sorted;
    }
}
