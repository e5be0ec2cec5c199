package network.mira.verification.program;

import java.util.LinkedHashSet;
import java.util.Set;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.AccountReader;

/**
 * The requests still open after a finalized height, read from the program's own index: every drawn
 * request is listed in the deadline bucket of its reveal deadline, and a request drawn at height d has
 * its deadline at d + commit_blocks + reveal_blocks. So the buckets from the finalized height f to
 * f + commit_blocks + reveal_blocks + 1 (a request recorded at f is drawn at f + 1) list every request
 * open after f — a bounded number of point reads, without an index of the node's own.
 */
public final class OpenDeadlines {
    private OpenDeadlines() {}

    /** How many heights past the finalized one a reveal deadline can lie. */
    public static long span(VerificationParameters parameters) {
        return Math.addExact(Math.addExact(parameters.commitBlocks(), parameters.revealBlocks()), 1);
    }

    /** The request accounts listed in the buckets of heights f .. f + {@link #span}, in bucket order. */
    public static Set<PublicKey> listedAfter(AccountReader state, long finalizedHeight,
                                             VerificationParameters parameters) {
        Set<PublicKey> requests = new LinkedHashSet<>();
        long last = Math.addExact(finalizedHeight, span(parameters));
        for (long height = finalizedHeight; height <= last; height++) {
            state.get(VerificationProgram.deadlineBucket(height))
                    .filter(account -> account.owner().equals(VerificationProgram.ID))
                    .ifPresent(account -> list(account.data(), "deadline bucket " + account)
                            .entries().forEach(entry -> requests.add(entry.request())));
        }
        return requests;
    }

    /** Whether a request waits for its draw in the next block. */
    public static boolean drawPending(AccountReader state) {
        return state.get(VerificationProgram.PENDING_DRAWS)
                .filter(account -> account.owner().equals(VerificationProgram.ID))
                .map(account -> !list(account.data(), "pending draws").entries().isEmpty())
                .orElse(false);
    }

    /** Only the program writes its lists and they always decode; one that does not is a bug. */
    private static AddressList list(byte[] data, String what) {
        try {
            return AddressList.decode(data);
        } catch (DecodeException e) {
            throw new IllegalStateException("verification " + what + " does not decode: " + e.getMessage(), e);
        }
    }
}
