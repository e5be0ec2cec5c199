package network.mira.svm;

import java.util.List;
import network.mira.core.tx.Transaction;

/**
 * Executes a block's transactions in order against committed state. Implementations may run
 * non-conflicting transactions at the same time, but their result must be byte-identical to
 * executing them one by one in block order.
 */
public interface BlockExecutor {
    BlockExecution execute(List<Transaction> transactions, AccountReader state, BlockContext block);
}
