package network.mira.verification.committee;

import static network.mira.verification.committee.CommitteeFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import org.junit.jupiter.api.Test;

class CandidatePoolTest {

    @Test
    void candidatesAreInUnsignedIdentityOrderWhateverTheInputOrder() {
        CandidatePool pool = CandidatePool.of(List.of(new CommitteeCandidate(key(0xF0), 1),
                new CommitteeCandidate(key(0x01), 2), new CommitteeCandidate(key(0x7F), 3)));
        assertThat(pool.candidates()).extracting(CommitteeCandidate::identity)
                .containsExactly(key(0x01), key(0x7F), key(0xF0));
        assertThat(pool.totalStake()).isEqualTo(6);
    }

    @Test
    void aValidatorSetGivesTheSameCandidates() {
        ValidatorSet set = new ValidatorSet(List.of(new Validator(key(9), 90), new Validator(key(3), 30)));
        assertThat(CandidatePool.fromValidatorSet(set).candidates())
                .containsExactly(new CommitteeCandidate(key(3), 30), new CommitteeCandidate(key(9), 90));
    }

    @Test
    void badPoolsAreProgrammingErrors() {
        assertThatThrownBy(() -> CandidatePool.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandidatePool.of(List.of(new CommitteeCandidate(key(1), 1),
                new CommitteeCandidate(key(1), 2)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate candidate");
        assertThatThrownBy(() -> CandidatePool.of(List.of(new CommitteeCandidate(key(1), Long.MAX_VALUE),
                new CommitteeCandidate(key(2), 1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new CommitteeCandidate(key(1), 0)).isInstanceOf(IllegalArgumentException.class);
        List<CommitteeCandidate> tooMany = new ArrayList<>();
        for (int i = 0; i <= CandidatePool.MAX_CANDIDATES; i++) {
            byte[] identity = new byte[32];
            identity[0] = (byte) (i >> 8);
            identity[1] = (byte) i;
            tooMany.add(new CommitteeCandidate(network.mira.core.crypto.PublicKey.wrap(identity), 1));
        }
        assertThatThrownBy(() -> CandidatePool.of(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }
}
