package network.mira.node.verify.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.AccountReader;
import network.mira.verification.program.OpenDeadlines;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationParameters;
import network.mira.verification.program.VerificationProgram;

/**
 * Finds, in finalized state, the open requests on which one identity holds seats: the requests the
 * deadline buckets list ({@link OpenDeadlines}), decoded, with the seats of the identity.
 * <p>
 * The ledger has no snapshot reads: the finalized height is read before and after, and the read is
 * repeated when a block was committed in between, so the answer belongs to exactly one height.
 */
public final class OpenRequests {
    /** With a block every few hundred milliseconds a second attempt is almost always enough. */
    private static final int MAX_ATTEMPTS = 8;

    /** What one pass read: the assignments, at the finalized height they belong to. */
    public record Snapshot(long height, List<Assignment> assignments) {
        public Snapshot {
            assignments = List.copyOf(assignments);
        }
    }

    private final AccountReader state;
    private final LongSupplier finalizedHeight;
    private final VerificationParameters parameters;

    public OpenRequests(AccountReader state, LongSupplier finalizedHeight, VerificationParameters parameters) {
        this.state = state;
        this.finalizedHeight = finalizedHeight;
        this.parameters = parameters;
    }

    /** @return empty when the state kept changing under {@value #MAX_ATTEMPTS} reads; the next block retries */
    public Optional<Snapshot> of(PublicKey identity) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long before = finalizedHeight.getAsLong();
            List<Assignment> assignments = read(identity, before);
            if (finalizedHeight.getAsLong() == before) {
                return Optional.of(new Snapshot(before, assignments));
            }
        }
        return Optional.empty();
    }

    private List<Assignment> read(PublicKey identity, long height) {
        List<Assignment> assignments = new ArrayList<>();
        for (PublicKey request : OpenDeadlines.listedAfter(state, height, parameters)) {
            Optional<Account> account = state.get(request).filter(a -> a.owner().equals(VerificationProgram.ID));
            if (account.isEmpty()) {
                continue;
            }
            RequestRecord record = decodeRecord(request, account.get());
            int poolIndex = record.poolIndexOf(identity);
            if (record.phase() != RequestPhase.OPEN || poolIndex < 0) {
                continue;
            }
            List<Integer> claims = new ArrayList<>();
            for (int i = 0; i < record.claims().size(); i++) {
                if (record.claims().get(i).seatOf(poolIndex) >= 0) {
                    claims.add(i);
                }
            }
            if (!claims.isEmpty()) {
                assignments.add(new Assignment(request, record, poolIndex, claims));
            }
        }
        return assignments;
    }

    private static RequestRecord decodeRecord(PublicKey request, Account account) {
        try {
            return RequestRecord.decode(account.data());
        } catch (DecodeException e) {
            throw new IllegalStateException("verification request " + request + " does not decode: "
                    + e.getMessage(), e);
        }
    }
}
