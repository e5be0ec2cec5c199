package network.mira.node.verify.attest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import network.mira.core.crypto.Signature;

/**
 * What the attestor remembers in memory about one request between blocks: seats being judged or
 * abstained on, transactions in flight and the claims they carry, which landings were already counted
 * and logged, and the height of the last submission of each kind (at most one per finalized block).
 * Lost on restart on purpose: everything that must survive a crash is in the {@link AttestationStore}.
 */
final class SeatProgress {
    final Set<Integer> judging = new HashSet<>();
    final Set<Integer> abstained = new HashSet<>();
    final Map<Signature, Set<Integer>> commitsInFlight = new HashMap<>();
    final Map<Signature, Set<Integer>> revealsInFlight = new HashMap<>();
    final Set<Integer> countedCommits = new HashSet<>();
    final Set<Integer> countedReveals = new HashSet<>();
    final Set<Integer> reportedUnrevealable = new HashSet<>();
    long lastCommitSubmission = -1;
    long lastRevealSubmission = -1;
    boolean commitWindowClosedChecked;
}
