package network.mira.rpc.service;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;

/**
 * The staking state as the stake program keeps it: the data of {@link StakeProgram#STATE_ACCOUNT}
 * in finalized state. Empty when that account does not exist (a chain created without staking).
 */
public final class LedgerStakingView implements StakingView {
    private final Ledger ledger;

    public LedgerStakingView(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<StakingSnapshot> current() {
        FinalizedRead<Optional<Account>> read = FinalizedRead.of(ledger, () -> ledger.get(StakeProgram.STATE_ACCOUNT));
        if (read.value().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StakingSnapshot.finalized(StakingStateCodec.decode(read.value().get().data()),
                    read.height()));
        } catch (DecodeException e) {
            // Consensus only ever writes states that decode: this is a corrupt data dir or a bug.
            throw new LedgerException("stake state account " + StakeProgram.STATE_ACCOUNT + " at height "
                    + read.height() + " does not decode: " + e.getMessage());
        }
    }
}
