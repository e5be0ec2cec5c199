package network.mira.settlement.staking;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;

/**
 * What was bonded during one epoch: the validator set and every stake account's bonded amount. Bonding
 * changes only at epoch boundaries, so this is exactly what was bonded at every height of the epoch;
 * slashing and rewards read it, never the current balances.
 */
public record EpochSnapshot(long epoch, NavigableMap<PublicKey, Member> members,
                            NavigableMap<PublicKey, Bond> bonds) {

    /** A validator of the epoch's set, keyed by identity; {@code consensusKey} is the key that signed. */
    public record Member(PublicKey identity, PublicKey consensusKey, long stake) {}

    /** A stake account's bonded lamports during the epoch and the validator they backed. */
    public record Bond(PublicKey validator, long amount) {}

    public EpochSnapshot {
        members = Collections.unmodifiableNavigableMap(new TreeMap<>(members));
        bonds = Collections.unmodifiableNavigableMap(new TreeMap<>(bonds));
    }

    /** The epoch's set as consensus uses it: consensus keys with stake as voting power; empty if none. */
    public Optional<ValidatorSet> validatorSet() {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<Validator> validators = members.values().stream()
                .map(member -> new Validator(member.consensusKey(), member.stake())).toList();
        return Optional.of(new ValidatorSet(validators));
    }
}
