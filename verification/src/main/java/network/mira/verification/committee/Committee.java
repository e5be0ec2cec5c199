package network.mira.verification.committee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import network.mira.core.crypto.PublicKey;

/** The validators that judge one claim, in ascending identity order (draw order carries no meaning). */
public record Committee(int claimIndex, List<CommitteeCandidate> members) {
    public Committee {
        if (claimIndex < 0 || members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a committee needs a claim index >= 0 and at least one member");
        }
        List<CommitteeCandidate> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(CommitteeCandidate::identity));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).identity().equals(sorted.get(i).identity())) {
                throw new IllegalArgumentException(
                        "committee of claim " + claimIndex + " repeats " + sorted.get(i).identity());
            }
        }
        members = List.copyOf(sorted);
    }

    /** The members' stake together: the base of the verdict threshold. Fits a long: pool stakes do. */
    public long totalStake() {
        long total = 0;
        for (CommitteeCandidate member : members) {
            total += member.stake();
        }
        return total;
    }

    public boolean contains(PublicKey identity) {
        for (CommitteeCandidate member : members) {
            if (member.identity().equals(identity)) {
                return true;
            }
        }
        return false;
    }

    public List<PublicKey> identities() {
        return members.stream().map(CommitteeCandidate::identity).toList();
    }
}
