package network.mira.verification.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.TransactionResult;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.verifier.Verdict;

/**
 * {@link ProgramSandbox} for the program's tests: stakes in MIRA, blocks of transactions given in place,
 * and sealed attestations whose commit and reveal are whole transactions.
 */
final class VerificationChain extends ProgramSandbox {
    static final String CHAIN_ID = "mira-verify-test";
    static final long MIRA = ProgramSandbox.MIRA;

    /** @param stakesMira each validator's self-bond, in MIRA; validators are named v0, v1, … */
    VerificationChain(VerificationParameters parameters, long... stakesMira) {
        super(CHAIN_ID, parameters, StakingParameters.defaults().with("epoch_blocks", "100000"),
                Arrays.stream(stakesMira).map(stake -> stake * MIRA).toArray());
    }

    /** One block: the hook, then each transaction in order; returns their results. */
    List<TransactionResult> block(Transaction... transactions) {
        return block(List.of(transactions));
    }

    TransactionResult run(Transaction transaction) {
        return block(transaction).get(0);
    }

    /** A member's sealed attestations on a request: what it commits now and reveals later. */
    final class Sealed {
        final KeyPair member;
        final PublicKey request;
        /** Mutable, so that a test can forge them. */
        final List<Attestation> attestations;

        Sealed(KeyPair member, PublicKey request, IntFunction<Verdict> verdictOfClaim) {
            this.member = member;
            this.request = request;
            this.attestations = new ArrayList<>(seal(member, request, verdictOfClaim).attestations());
        }

        Transaction commit() {
            return transaction(member, new ProgramSandbox.Sealed(member, request, attestations).commit());
        }

        Transaction reveal() {
            return transaction(member, new ProgramSandbox.Sealed(member, request, attestations).reveal());
        }
    }
}
