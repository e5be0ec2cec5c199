package network.mira.node.cli;

import java.time.Duration;
import network.mira.core.crypto.Signature;
import network.mira.rpc.v1.GetTransactionResponse;

/**
 * Polls GetTransaction until a submitted transaction is included at the requested commitment or
 * the timeout passes. A transaction that is not known yet is simply polled again: it may still be
 * on its way into the node's mempool.
 */
final class TransactionWaiter {
    private static final long FIRST_POLL_MS = 50;
    private static final long MAX_POLL_MS = 250;

    private TransactionWaiter() {}

    /** The last answer seen, and whether it satisfied the commitment. */
    record Outcome(GetTransactionResponse last, boolean reached) {}

    static Outcome await(RpcClient rpc, Signature signature, CommitmentLevel commitment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MS;
        while (true) {
            GetTransactionResponse response = rpc.transaction(signature);
            if (TransactionReport.isIncluded(response) && commitment.isReachedBy(response.getCommitment())) {
                return new Outcome(response, true);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Outcome(response, false);
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(response, false);
            }
            pause = Math.min(MAX_POLL_MS, pause * 2);
        }
    }
}
