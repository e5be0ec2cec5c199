package network.mira.svm.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mira.core.crypto.PublicKey;
import network.mira.svm.InstructionException;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class ComputeMeterTest {

    @Test
    void consumesUpToTheLimitExactly() throws Exception {
        ComputeMeter meter = new ComputeMeter(300);
        meter.consume(150);
        meter.consume(150);
        assertThat(meter.consumed()).isEqualTo(300);
        assertThat(meter.remaining()).isZero();
        meter.consume(0);
        assertThat(meter.consumed()).isEqualTo(300);
    }

    @Test
    void goingOverTheLimitFailsAndUsesUpTheRest() throws Exception {
        ComputeMeter meter = new ComputeMeter(400);
        meter.consume(300);
        assertThatThrownBy(() -> meter.consume(150))
                .isInstanceOf(InstructionException.class)
                .hasMessage("needs 150 more compute units but 300 of the transaction's limit of 400 are already"
                        + " consumed")
                .extracting(e -> ((InstructionException) e).code()).isEqualTo("COMPUTE_BUDGET_EXCEEDED");
        assertThat(meter.consumed()).isEqualTo(400);
        assertThat(meter.limit()).isEqualTo(400);
    }

    @Test
    void aZeroLimitAllowsNothingButZero() throws Exception {
        ComputeMeter meter = new ComputeMeter(0);
        meter.consume(0);
        assertThatThrownBy(() -> meter.consume(1)).isInstanceOf(InstructionException.class);
        assertThatThrownBy(() -> meter.consume(Long.MAX_VALUE)).isInstanceOf(InstructionException.class);
    }

    @Test
    void negativeAmountsAreProgrammingErrors() {
        assertThatThrownBy(() -> new ComputeMeter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComputeMeter(10).consume(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCostTableHasSolanasBuiltinCosts() {
        assertThat(CostTable.unitsFor(SystemProgram.ID)).hasValue(150);
        assertThat(CostTable.unitsFor(ComputeBudgetProgram.ID)).hasValue(150);
        assertThat(CostTable.unitsFor(PublicKey.wrap(new byte[] {
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))).isEmpty();
        assertThat(CostTable.programs()).containsExactlyInAnyOrder(SystemProgram.ID, ComputeBudgetProgram.ID);
    }
}
