package network.mira.settlement.ledger;

import network.mira.core.consensus.ValidatorSet;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.ValidatorSchedule;

/**
 * The sets the ledger recorded: the genesis set, then each set an epoch switch chose, from the
 * first height of its epoch. A height beyond the next one gets the latest known set (a later epoch's
 * set is not known before its predecessor's last block executes); consensus asks only for the next
 * height, where the answer is exact. A data dir written before sets were recorded holds none: its
 * chain has no staking, so the genesis set decides every height.
 */
public final class LedgerValidatorSchedule implements ValidatorSchedule {
    private final Ledger ledger;
    private final ValidatorSet genesisSet;

    public LedgerValidatorSchedule(Ledger ledger, ValidatorSet genesisSet) {
        this.ledger = ledger;
        this.genesisSet = genesisSet;
    }

    public static LedgerValidatorSchedule of(Ledger ledger, ChainParameters parameters) {
        return new LedgerValidatorSchedule(ledger, parameters.validators());
    }

    @Override
    public ValidatorSet at(long height) {
        return ledger.validatorSetAt(height).orElse(genesisSet);
    }
}
