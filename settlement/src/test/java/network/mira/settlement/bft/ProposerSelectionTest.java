package network.mira.settlement.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class ProposerSelectionTest {
    static PublicKey key(int i) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        bytes[0] = (byte) i;
        return PublicKey.wrap(bytes);
    }

    static ValidatorSet set(long... stakes) {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            validators.add(new Validator(key(i + 1), stakes[i]));
        }
        return new ValidatorSet(validators);
    }

    @Test
    void frequencyIsProportionalToStake() {
        ValidatorSet validators = set(1, 2, 3, 4, 10);
        ProposerSelection selection = new ProposerSelection(validators);
        Map<PublicKey, Integer> counts = new HashMap<>();
        int slots = 20 * 1000;
        for (long slot = 0; slot < slots; slot++) {
            counts.merge(selection.proposerAt(slot), 1, Integer::sum);
        }
        for (Validator validator : validators.validators()) {
            long expected = slots * validator.stake() / validators.totalStake();
            // The priority rule keeps every validator within one "turn" of its share.
            assertThat((long) counts.get(validator.key())).isBetween(expected - 2, expected + 2);
        }
    }

    @Test
    void equalStakeIsRoundRobinAndTiesGoToLowestKey() {
        ProposerSelection selection = new ProposerSelection(set(5, 5, 5));
        assertThat(selection.proposerAt(0)).isEqualTo(key(1));
        assertThat(selection.proposerAt(1)).isEqualTo(key(2));
        assertThat(selection.proposerAt(2)).isEqualTo(key(3));
        assertThat(selection.proposerAt(3)).isEqualTo(key(1));
    }

    @Test
    void deterministicAndReplayable() {
        ProposerSelection first = new ProposerSelection(set(3, 7, 1, 9));
        ProposerSelection second = new ProposerSelection(set(3, 7, 1, 9));
        List<PublicKey> forward = new ArrayList<>();
        for (int slot = 0; slot < 200; slot++) {
            forward.add(first.proposerAt(slot));
        }
        for (int slot = 199; slot >= 0; slot--) {
            assertThat(second.proposerAt(slot)).isEqualTo(forward.get(slot));
        }
        assertThat(first.proposer(10, 5)).isEqualTo(forward.get(15));
    }
}
