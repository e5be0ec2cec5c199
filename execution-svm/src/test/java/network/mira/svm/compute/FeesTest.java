package network.mira.svm.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Message;
import network.mira.core.tx.MessageCompiler;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

class FeesTest {
    private static final PublicKey ALICE = KeyPair.fromSeed(Hash.sha256(new byte[] {1}).bytes()).publicKey();
    private static final PublicKey BOB = KeyPair.fromSeed(Hash.sha256(new byte[] {2}).bytes()).publicKey();

    @Test
    void theBaseFeeIsPerRequiredSignature() {
        assertThat(Fees.baseFee(5_000, 1)).isEqualTo(5_000);
        assertThat(Fees.baseFee(5_000, 3)).isEqualTo(15_000);
        assertThat(Fees.baseFee(0, 3)).isZero();
        assertThat(Fees.baseFee(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Fees.baseFee(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTotalAddsThePriorityFee() throws Exception {
        // Two signers (alice pays, bob's account is created), price 2,000 on 1,000 units = 2 lamports.
        Message message = MessageCompiler.compileLegacy(ALICE, List.of(ComputeBudgetProgram.setComputeUnitLimit(1_000),
                ComputeBudgetProgram.setComputeUnitPrice(2_000),
                SystemProgram.createAccount(ALICE, BOB, 1, 0, SystemProgram.ID)), Hash.ZERO);
        ComputeBudgetRequest budget = ComputeBudgetRequest.of(message, ComputeParameters.SOLANA_DEFAULTS);
        assertThat(Fees.total(5_000, message, budget)).isEqualTo(10_002);
        assertThat(Fees.total(Long.MAX_VALUE / 2, message, budget)).isEqualTo(Long.MAX_VALUE);
    }
}
