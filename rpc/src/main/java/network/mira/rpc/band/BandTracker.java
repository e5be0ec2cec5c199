package network.mira.rpc.band;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.VerificationAccounts;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.VerificationProgram;

/**
 * Feeds the {@link BandBook} from each finalized block: for every validator of the stake state, its
 * attestor record (from the block's changed accounts; read from state only the first time, as a
 * baseline), then hands what the book saw to the {@link BandReporter}. Runs on the consensus thread:
 * reads are point reads, and alerts are only enqueued.
 */
public final class BandTracker implements FinalizationListener {
    private final BandBook book;
    private final BandReporter reporter;
    private final AccountReader state;

    /** @param state finalized state, read for the stake state and for baselines */
    public BandTracker(BandBook book, BandReporter reporter, AccountReader state) {
        this.book = book;
        this.reporter = reporter;
        this.state = state;
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        long height = finalized.block().height();
        Map<PublicKey, Account> changed = finalized.changedAccounts();
        for (PublicKey identity : identities(changed, height)) {
            Account account = changed.get(VerificationProgram.attestorStats(identity));
            Optional<AttestorStats> stats;
            if (account != null) {
                stats = VerificationAccounts.stats(identity, account);
            } else if (book.status(identity).isEmpty()) {
                stats = Optional.of(VerificationAccounts.stats(state, identity).orElse(AttestorStats.NONE));
            } else {
                continue; // unchanged since the last block: nothing new to observe
            }
            stats.ifPresent(found -> reporter.report(book.observe(identity, found, height)));
        }
    }

    private Set<PublicKey> identities(Map<PublicKey, Account> changed, long height) {
        Optional<Account> account = Optional.ofNullable(changed.get(StakeProgram.STATE_ACCOUNT))
                .or(() -> state.get(StakeProgram.STATE_ACCOUNT));
        if (account.isEmpty() || account.get().isEmpty()) {
            return Set.of();
        }
        try {
            return StakingStateCodec.decode(account.get().data()).validators().keySet();
        } catch (DecodeException e) {
            // Consensus only ever writes states that decode: this is a bug, not an input to handle.
            throw new LedgerException("stake state account " + StakeProgram.STATE_ACCOUNT + " at height " + height
                    + " does not decode: " + e.getMessage());
        }
    }
}
