package network.mira.node.verify.attest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.StakingParameters;
import network.mira.svm.TransactionResult;
import network.mira.verification.program.ProgramSandbox;
import network.mira.verification.program.VerificationParameters;

/**
 * {@link ProgramSandbox} as the attestor sees a chain: a {@link TransactionSink} that puts what the
 * attestor submits into the next block, {@link #finalizeBlock} to run that block, and the
 * {@link OpenRequests} of the finalized state.
 */
final class AttestorChain extends ProgramSandbox implements TransactionSink {
    static final String CHAIN_ID = "mira-attest-test";
    static final long MIRA = ProgramSandbox.MIRA;

    /** Everything the attestor submitted, in order, and whether the mempool took it. */
    final List<Transaction> submitted = new ArrayList<>();
    /** Submissions this predicate accepts are refused, as a full mempool would. */
    Predicate<Transaction> refuse = transaction -> false;
    private final List<Transaction> mempool = new ArrayList<>();
    private final Map<Signature, Boolean> landed = new HashMap<>();

    /** @param stakesMira each validator's self-bond, in MIRA; validators are named v0, v1, … */
    AttestorChain(VerificationParameters parameters, long... stakesMira) {
        super(CHAIN_ID, parameters, StakingParameters.defaults().with("epoch_blocks", "100000"),
                Arrays.stream(stakesMira).map(stake -> stake * MIRA).toArray());
    }

    /** The last finalized height: blocks 1 .. height - 1 have run. */
    long finalizedHeight() {
        return height() - 1;
    }

    OpenRequests openRequests() {
        return new OpenRequests(reader(), this::finalizedHeight, parameters());
    }

    /** One block: the hook, {@code more}, then the mempool's transactions; returns the new finalized height. */
    long finalizeBlock(Transaction... more) {
        List<Transaction> block = new ArrayList<>(List.of(more));
        block.addAll(mempool);
        mempool.clear();
        List<TransactionResult> results = block(block);
        for (int i = 0; i < block.size(); i++) {
            landed.put(block.get(i).id(), results.get(i).error().isEmpty());
        }
        return finalizedHeight();
    }

    @Override
    public Optional<String> submit(Transaction transaction) {
        submitted.add(transaction);
        if (refuse.test(transaction)) {
            return Optional.of("MEMPOOL_FULL: refused by the test");
        }
        mempool.add(transaction);
        return Optional.empty();
    }

    @Override
    public Fate fate(Signature transaction) {
        Boolean succeeded = landed.get(transaction);
        if (succeeded != null) {
            return succeeded ? Fate.LANDED : Fate.FAILED;
        }
        return mempool.stream().anyMatch(t -> t.id().equals(transaction)) ? Fate.PENDING : Fate.UNKNOWN;
    }
}
