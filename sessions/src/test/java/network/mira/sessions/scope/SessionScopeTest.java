package network.mira.sessions.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class SessionScopeTest {
    static PublicKey key(int lastByte) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        bytes[0] = 7;
        bytes[PublicKey.LENGTH - 1] = (byte) lastByte;
        return PublicKey.wrap(bytes);
    }

    static SessionScope unlimited() {
        return new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), 0);
    }

    static SessionScope withPrograms(List<ProgramScope> programs) {
        return new SessionScope(Optional.of(programs), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), 0);
    }

    static SessionScope withRecipients(List<PublicKey> recipients) {
        return new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.of(recipients), 0);
    }

    static SessionScope withLimits(long spend, long perTransaction) {
        return new SessionScope(Optional.empty(), OptionalLong.of(spend), OptionalLong.of(perTransaction),
                OptionalLong.empty(), Optional.empty(), 0);
    }

    static ProgramScope anyInstruction(PublicKey program) {
        return new ProgramScope(program, Optional.empty());
    }

    @Test
    void zeroLimitsAreValidAndMeanNothingMayBeSpent() {
        SessionScope scope = new SessionScope(Optional.empty(), OptionalLong.of(0), OptionalLong.of(0),
                OptionalLong.of(0), Optional.empty(), 0);
        assertThat(scope.spendLimit()).hasValue(0);
        assertThat(scope.maxTransactions()).hasValue(0);
    }

    @Test
    void perTransactionLimitMayEqualButNotExceedTheSpendLimit() {
        assertThat(withLimits(10, 10).perTransactionLimit()).hasValue(10);
        assertThatThrownBy(() -> withLimits(10, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perTransactionLimit 11 is above spendLimit 10");
    }

    @Test
    void perTransactionLimitAloneIsAllowed() {
        SessionScope scope = new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.of(5),
                OptionalLong.empty(), Optional.empty(), 0);
        assertThat(scope.perTransactionLimit()).hasValue(5);
    }

    @Test
    void negativeValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SessionScope(Optional.empty(), OptionalLong.of(-1), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), 0)).hasMessage("spendLimit must not be negative, got -1");
        assertThatThrownBy(() -> new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.of(-2),
                OptionalLong.empty(), Optional.empty(), 0)).hasMessage("perTransactionLimit must not be negative, got -2");
        assertThatThrownBy(() -> new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(-3), Optional.empty(), 0)).hasMessage("maxTransactions must not be negative, got -3");
        assertThatThrownBy(() -> new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), -4)).hasMessage("feeAllowance must not be negative, got -4");
    }

    @Test
    void nullFieldsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SessionScope(null, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("programs must not be null");
        assertThatThrownBy(() -> new SessionScope(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), null, 0)).hasMessageStartingWith("recipients must not be null");
    }

    @Test
    void programListsMustBeSortedDistinctAndBounded() {
        assertThatThrownBy(() -> withPrograms(List.of()))
                .hasMessage("programs must have 1 to 8 entries, got 0 (use an empty Optional for any)");
        assertThatThrownBy(() -> withPrograms(List.of(anyInstruction(key(2)), anyInstruction(key(1)))))
                .hasMessage("programs[1] " + key(1) + " is not sorted after " + key(2));
        assertThatThrownBy(() -> withPrograms(List.of(anyInstruction(key(1)),
                new ProgramScope(key(1), Optional.of(new TreeSet<>(List.of(3)))))))
                .hasMessage("programs[1] " + key(1) + " is a duplicate");
        List<ProgramScope> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(anyInstruction(key(i)));
        }
        assertThatThrownBy(() -> withPrograms(nine)).hasMessage("programs must have 1 to 8 entries, got 9");
        assertThat(withPrograms(nine.subList(0, 8)).programs().orElseThrow()).hasSize(8);
    }

    @Test
    void recipientListsMustBeSortedDistinctAndBounded() {
        assertThatThrownBy(() -> withRecipients(List.of()))
                .hasMessage("recipients must have 1 to 8 entries, got 0 (use an empty Optional for any)");
        assertThatThrownBy(() -> withRecipients(List.of(key(5), key(5))))
                .hasMessage("recipients[1] " + key(5) + " is a duplicate");
        assertThatThrownBy(() -> withRecipients(List.of(key(6), key(5))))
                .hasMessage("recipients[1] " + key(5) + " is not sorted after " + key(6));
    }

    @Test
    void listsAreCopiedSoTheScopeCannotChangeAfterward() {
        List<PublicKey> recipients = new ArrayList<>(List.of(key(1)));
        SessionScope scope = withRecipients(recipients);
        recipients.add(key(2));
        assertThat(scope.recipients().orElseThrow()).containsExactly(key(1));
        assertThatThrownBy(() -> scope.recipients().orElseThrow().add(key(3)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void discriminatorsAreBoundedNonEmptyBytes() {
        assertThatThrownBy(() -> new ProgramScope(key(1), Optional.of(new TreeSet<>())))
                .hasMessage("discriminators must not be empty (use Optional.empty() for any)");
        assertThatThrownBy(() -> new ProgramScope(key(1), Optional.of(new TreeSet<>(List.of(256)))))
                .hasMessage("discriminators must be 0..255, got 256");
        assertThatThrownBy(() -> new ProgramScope(key(1), Optional.of(new TreeSet<>(List.of(-1)))))
                .hasMessage("discriminators must be 0..255, got -1");
        TreeSet<Integer> seventeen = new TreeSet<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(i);
        }
        assertThatThrownBy(() -> new ProgramScope(key(1), Optional.of(seventeen)))
                .hasMessage("discriminators has 17 entries, at most 16");
        assertThatThrownBy(() -> new ProgramScope(null, Optional.empty())).hasMessage("program must not be null");
    }

    @Test
    void discriminatorsAreKeptInNaturalOrderWhateverTheCallersComparator() {
        SortedSet<Integer> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.addAll(List.of(1, 9, 4));
        ProgramScope scope = new ProgramScope(key(1), Optional.of(reversed));
        assertThat(scope.discriminators().orElseThrow()).containsExactly(1, 4, 9);
        assertThat(scope).isEqualTo(new ProgramScope(key(1), Optional.of(new TreeSet<>(List.of(9, 4, 1)))));
    }

    @Test
    void anUnlimitedScopeHasNoLimits() {
        SessionScope scope = unlimited();
        assertThat(scope.programs()).isEmpty();
        assertThat(scope.recipients()).isEmpty();
        assertThat(scope.feeAllowance()).isZero();
    }
}
