package network.mira.rpc.band;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.program.AttestorStats;

/**
 * The confidence band of every validator: pure bookkeeping, no I/O. Each call gives a validator's
 * on-chain record after a finalized block; the change in (resolved, agreed) since the previous call
 * is appended to its ring as that many agreements then disagreements (the order within one block is
 * not on chain, and only matters when a block brings more than the window). The first record seen of
 * a validator is its baseline: observations before this node started are not known one by one, so
 * the ring starts empty (state resets on restart). Synchronized: the consensus thread writes, RPC
 * threads read.
 */
public final class BandBook {
    /** What one observation did: the validator's band now, and whether it crossed the band's edge. */
    public record Observed(BandStatus status, boolean crossed) {}

    private static final class Validator {
        final AgreementRing ring;
        long resolved;
        long agreed;
        BandStatus status;

        Validator(int window, AttestorStats baseline) {
            this.ring = new AgreementRing(window);
            this.resolved = baseline.resolved();
            this.agreed = baseline.agreed();
        }
    }

    private final BandSettings settings;
    private final Map<PublicKey, Validator> validators = new HashMap<>();

    public BandBook(BandSettings settings) {
        this.settings = settings;
    }

    /** {@code stats} is the validator's record as finalized at {@code height}; called in height order. */
    public synchronized Observed observe(PublicKey identity, AttestorStats stats, long height) {
        Validator validator = validators.get(identity);
        if (validator == null) {
            validator = new Validator(settings.window(), stats);
            validators.put(identity, validator);
            validator.status = status(identity, validator, stats, height, true, 0);
            return new Observed(validator.status, false);
        }
        long newResolved = stats.resolved() - validator.resolved;
        long newAgreed = stats.agreed() - validator.agreed;
        if (newResolved < 0 || newAgreed < 0 || newAgreed > newResolved) {
            // The program only ever adds to both; anything else is a bug upstream, not an observation.
            throw new IllegalStateException("attestor stats of " + identity + " went from (" + validator.resolved
                    + ", " + validator.agreed + ") to (" + stats.resolved() + ", " + stats.agreed() + ") at " + height);
        }
        // Only the last `window` of this block's observations can stay in the ring.
        for (long i = Math.max(0, newResolved - settings.window()); i < newResolved; i++) {
            validator.ring.add(i < newAgreed);
        }
        validator.resolved = stats.resolved();
        validator.agreed = stats.agreed();
        BandStatus before = validator.status;
        BandStatus after = status(identity, validator, stats, height, before.inBand(), before.alerts());
        boolean crossed = after.inBand() != before.inBand();
        if (crossed && !after.inBand()) {
            after = new BandStatus(identity, height, after.recentPpm(), after.observations(), after.lowPpm(),
                    after.highPpm(), after.judged(), false, before.alerts() + 1);
        }
        validator.status = after;
        return new Observed(after, crossed);
    }

    public synchronized Optional<BandStatus> status(PublicKey identity) {
        return Optional.ofNullable(validators.get(identity)).map(validator -> validator.status);
    }

    private BandStatus status(PublicKey identity, Validator validator, AttestorStats stats, long height,
                              boolean wasInBand, long alerts) {
        long longRunPpm = stats.resolved() == 0 ? 0 : stats.agreed() * BandSettings.PPM / stats.resolved();
        int low = (int) Math.max(0, longRunPpm - settings.widthPpm());
        int high = (int) Math.min(BandSettings.PPM, longRunPpm + settings.widthPpm());
        int recent = validator.ring.agreementPpm();
        boolean judged = validator.ring.size() >= settings.minObservations();
        boolean inBand = judged ? recent >= low && recent <= high : wasInBand;
        return new BandStatus(identity, height, recent, validator.ring.size(), low, high, judged, inBand, alerts);
    }
}
