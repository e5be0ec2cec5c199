package network.mira.settlement.staking;

import java.util.Objects;
import network.mira.core.crypto.PublicKey;

/**
 * A registered validator. The identity key never changes; the consensus key (the one that signs votes)
 * may be rotated, the new key taking effect at {@code pendingKeyEpoch}. Epoch fields are -1 when unset.
 */
public record ValidatorRecord(PublicKey identity, PublicKey consensusKey, PublicKey pendingConsensusKey,
                              long pendingKeyEpoch, long commissionBps, long commissionChangedEpoch,
                              PublicKey selfBondAddress, ValidatorStatus status, long jailedUntilHeight) {
    public ValidatorRecord {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(consensusKey, "consensusKey");
        Objects.requireNonNull(selfBondAddress, "selfBondAddress");
        Objects.requireNonNull(status, "status");
        if ((pendingConsensusKey == null) != (pendingKeyEpoch < 0)) {
            throw new IllegalArgumentException("a pending consensus key needs its effective epoch, and only then");
        }
        if (commissionBps < 0 || commissionBps > StakingParameters.BPS) {
            throw new IllegalArgumentException("commission must be 0..10000 bps, got " + commissionBps);
        }
    }

    static ValidatorRecord registered(PublicKey identity, PublicKey consensusKey, long commissionBps,
                                      PublicKey selfBondAddress) {
        return new ValidatorRecord(identity, consensusKey, null, -1, commissionBps, -1, selfBondAddress,
                ValidatorStatus.INACTIVE, -1);
    }

    ValidatorRecord withStatus(ValidatorStatus newStatus) {
        return new ValidatorRecord(identity, consensusKey, pendingConsensusKey, pendingKeyEpoch, commissionBps,
                commissionChangedEpoch, selfBondAddress, newStatus, jailedUntilHeight);
    }

    ValidatorRecord jailedUntil(long height) {
        return new ValidatorRecord(identity, consensusKey, pendingConsensusKey, pendingKeyEpoch, commissionBps,
                commissionChangedEpoch, selfBondAddress, ValidatorStatus.JAILED, height);
    }

    ValidatorRecord withCommission(long bps, long epoch) {
        return new ValidatorRecord(identity, consensusKey, pendingConsensusKey, pendingKeyEpoch, bps, epoch,
                selfBondAddress, status, jailedUntilHeight);
    }

    ValidatorRecord withPendingKey(PublicKey key, long epoch) {
        return new ValidatorRecord(identity, consensusKey, key, epoch, commissionBps, commissionChangedEpoch,
                selfBondAddress, status, jailedUntilHeight);
    }

    /** The pending key replaces the current one when {@code epoch} reaches its effective epoch. */
    ValidatorRecord rotatedAt(long epoch) {
        if (pendingConsensusKey == null || epoch < pendingKeyEpoch) {
            return this;
        }
        return new ValidatorRecord(identity, pendingConsensusKey, null, -1, commissionBps, commissionChangedEpoch,
                selfBondAddress, status, jailedUntilHeight);
    }

    boolean isPunished() {
        return status == ValidatorStatus.JAILED || status == ValidatorStatus.TOMBSTONED;
    }
}
