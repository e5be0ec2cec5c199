package network.mira.settlement.staking;

import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/**
 * One stake account. Each account is its own bond and, once deactivated, its own unbonding entry: it
 * keeps its own balance, so a slash takes exactly what this account had bonded and no staker ever
 * absorbs another's slash (no pooled shares).
 *
 * <p>{@code activeAmount} is the part bonded now (it counts for voting power); it grows under the
 * activation cap and shrinks under the deactivation cap. {@code lastBondedEpoch} is the last epoch in which
 * any of it was bonded (-1 never): unbonding_epochs count from there. Epoch fields are -1 when unset.
 */
public record StakeAccount(PublicKey address, PublicKey authority, long amount, PublicKey validator,
                           long activationEpoch, long deactivationEpoch, long activeAmount, long lastBondedEpoch) {
    public StakeAccount {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authority, "authority");
        if (amount < 0 || activeAmount < 0 || activeAmount > amount) {
            throw new IllegalArgumentException("stake " + address + " needs 0 <= active (" + activeAmount
                    + ") <= amount (" + amount + ")");
        }
        if (validator == null && (activationEpoch >= 0 || activeAmount > 0)) {
            throw new IllegalArgumentException("stake " + address + " is not delegated but has activation state");
        }
    }

    static StakeAccount created(PublicKey address, PublicKey authority, long amount) {
        return new StakeAccount(address, authority, amount, null, -1, -1, 0, -1);
    }

    boolean isDelegated() {
        return validator != null;
    }

    boolean isDeactivated() {
        return deactivationEpoch >= 0;
    }

    /** Lamports delegated and waiting to activate. */
    long activatingAmount() {
        return isDelegated() && !isDeactivated() ? amount - activeAmount : 0;
    }

    /** The first epoch at which a deactivated, fully cooled-down account may be withdrawn. */
    long withdrawableEpoch(long unbondingEpochs) {
        return lastBondedEpoch < 0 ? deactivationEpoch : lastBondedEpoch + unbondingEpochs + 1;
    }

    public StakeState state(long currentEpoch, long unbondingEpochs) {
        if (!isDelegated()) {
            return StakeState.INACTIVE;
        }
        if (!isDeactivated()) {
            return activeAmount == amount ? StakeState.ACTIVE : StakeState.ACTIVATING;
        }
        if (activeAmount == 0 && currentEpoch >= withdrawableEpoch(unbondingEpochs)) {
            return StakeState.WITHDRAWABLE;
        }
        return StakeState.DEACTIVATING;
    }

    StakeAccount delegatedTo(PublicKey target, long epoch) {
        return new StakeAccount(address, authority, amount, target, epoch, -1, 0, lastBondedEpoch);
    }

    /** Deactivation cancels whatever had not activated yet: it never bonded, so it need not cool down. */
    StakeAccount deactivatedAt(long epoch) {
        return new StakeAccount(address, authority, amount, validator, activationEpoch, epoch, activeAmount,
                lastBondedEpoch);
    }

    StakeAccount withActive(long newActive) {
        return new StakeAccount(address, authority, amount, validator, activationEpoch, deactivationEpoch, newActive,
                lastBondedEpoch);
    }

    StakeAccount withLastBondedEpoch(long epoch) {
        return new StakeAccount(address, authority, amount, validator, activationEpoch, deactivationEpoch,
                activeAmount, epoch);
    }

    /** A reward joins the bonded part of a staying account (as Solana compounds); a leaving account just holds it. */
    StakeAccount rewarded(long lamports) {
        long newAmount = Math.addExact(amount, lamports);
        long newActive = isDeactivated() ? activeAmount : Math.addExact(activeAmount, lamports);
        return new StakeAccount(address, authority, newAmount, validator, activationEpoch, deactivationEpoch,
                newActive, lastBondedEpoch);
    }

    /** A slash takes from the bonded part first; what is left of it comes from the cooled-down part. */
    StakeAccount slashed(long lamports) {
        if (lamports < 0 || lamports > amount) {
            throw new IllegalArgumentException("cannot slash " + lamports + " from " + amount);
        }
        return new StakeAccount(address, authority, amount - lamports, validator, activationEpoch, deactivationEpoch,
                Math.max(0, activeAmount - lamports), lastBondedEpoch);
    }
}
