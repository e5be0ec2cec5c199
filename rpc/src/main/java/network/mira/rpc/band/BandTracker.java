package network.mira.rpc.band;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.VerificationAccounts;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.rpc.service.StakingSnapshot;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.VerificationProgram;

/**
 * Feeds the {@link BandBook} from each finalized block: for every validator of the stake state, its
 * attestor record (from the block's changed accounts; read from state only the first time, as a
 * baseline), then hands what the book saw to the {@link BandReporter}. The validators come from the
 * stake state the {@link network.mira.rpc.stream.StakingStateFeed} decodes once per block ({@link
 * #onState}), so this listener must be registered after that feed. Runs on the consensus thread: reads
 * are point reads, and alerts are only enqueued.
 */
public final class BandTracker implements FinalizationListener {
    private final BandBook book;
    private final BandReporter reporter;
    private final AccountReader state;
    /** The validators of the last stake state seen; written and read on the consensus thread. */
    private Set<PublicKey> identities;

    /**
     * @param state      finalized state, read for baselines
     * @param identities the validators of the finalized stake state at start
     */
    public BandTracker(BandBook book, BandReporter reporter, AccountReader state, Set<PublicKey> identities) {
        this.book = book;
        this.reporter = reporter;
        this.state = state;
        this.identities = Set.copyOf(identities);
    }

    /** The stake state of a finalized block, from the feed; called before {@link #onFinalized} of that block. */
    public void onState(StakingSnapshot snapshot) {
        identities = Set.copyOf(snapshot.state().validators().keySet());
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        long height = finalized.block().height();
        Map<PublicKey, Account> changed = finalized.changedAccounts();
        for (PublicKey identity : identities) {
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
}
