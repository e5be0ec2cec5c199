/**
 * The parallel execution engine: blocks executed on several cores with exactly the serial result.
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li>{@link network.mira.svm.parallel.SignatureVerificationStage}: every signature, spread over
 *       the workers; a transaction with a bad one becomes a BAD_SIGNATURE rejection and is never
 *       scheduled ({@link network.mira.svm.parallel.ParallelBlockExecutor#executeVerified}).
 *   <li>{@link network.mira.svm.parallel.AccountLocks}: each transaction's writable and read-only
 *       accounts, from its message header, exactly as the executor judges writability.
 *   <li>{@link network.mira.svm.parallel.ConflictScheduler}: batches ("waves") of mutually
 *       non-conflicting transactions; conflicting ones keep block order across batches.
 *   <li>{@link network.mira.svm.parallel.ParallelBlockExecutor}: batch after batch, the
 *       transactions of a batch run on all workers against frozen pending state, then their
 *       writes are recorded; the written accounts are finally sorted into the block's changes.
 * </ol>
 *
 * <p>{@link network.mira.svm.parallel.SerialBlockExecutor} is the reference the parallel engine
 * is tested against (ParallelEqualsSerialPropertyTest): same entries, same account bytes, same
 * state root.
 *
 * <h2>Threads</h2>
 *
 * One pool per executor with {@code workers - 1} daemon threads; the calling thread is worker 0,
 * so one worker is plain serial execution. Work is claimed in runs of consecutive transactions
 * from a shared counter; work below the inline threshold (64 transactions by default) stays on the
 * calling thread. Results are stored by block index and never depend on which worker ran what.
 *
 * <h2>Why no cap on batch size</h2>
 *
 * Capping a batch only adds batches, each with its hand-offs and barriers, and would need a
 * search for "the next batch with room" in the scheduler. Locality inside a batch comes from the
 * claimed runs of neighbouring transactions instead, and the block's own limits bound a batch.
 */
package network.mira.svm.parallel;
