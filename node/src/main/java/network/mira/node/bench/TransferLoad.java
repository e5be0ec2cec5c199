package network.mira.node.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.rpc.v1.Block;
import network.mira.rpc.v1.ChainServiceGrpc;
import network.mira.rpc.v1.FaucetServiceGrpc;
import network.mira.rpc.v1.GetLatestBlockhashRequest;
import network.mira.rpc.v1.GetNodeStatusRequest;
import network.mira.rpc.v1.NodeServiceGrpc;
import network.mira.rpc.v1.RequestAirdropRequest;
import network.mira.rpc.v1.StreamBlocksRequest;
import network.mira.rpc.v1.SubmitResult;
import network.mira.rpc.v1.SubmitTransactionsRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;
import network.mira.svm.program.system.SystemProgram;

/**
 * One load run: sender i mod N pays receiver i mod N, so transfers of different senders never
 * conflict and the node can run them in parallel. Every transfer is signed before the clock
 * starts (with the blockhash of that moment), so the run measures the node rather than the
 * client's Ed25519 signing on the same cores. Submit times are recorded per signature; a
 * StreamBlocks follower records when each signature arrives in a finalized block.
 */
final class TransferLoad {
    private static final long FUNDING_LAMPORTS = 1_000_000_000L;
    /** One Compute Budget instruction and one System transfer, 150 units each. */
    private static final long TRANSFER_COMPUTE_UNITS = 300;

    private final ManagedChannel channel;
    private final TransferLoadCommand.LoadPlan plan;
    private final Map<String, Long> submittedAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> finalizedAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final AtomicReference<Hash> blockhash = new AtomicReference<>();

    TransferLoad(ManagedChannel channel, TransferLoadCommand.LoadPlan plan) {
        this.channel = channel;
        this.plan = plan;
    }

    record Result(int submitted, int admitted, Map<String, Integer> refused, int finalized, int blocks,
                  int maxPerBlock, double submitSeconds, double finalizeSeconds, long[] latenciesMillis) {
        long latencyMillis(double quantile) {
            if (latenciesMillis.length == 0) {
                return -1;
            }
            int index = (int) Math.min(latenciesMillis.length - 1, Math.ceil(quantile * latenciesMillis.length) - 1);
            return latenciesMillis[Math.max(0, index)];
        }
    }

    Result run() throws InterruptedException {
        List<KeyPair> senders = keys(plan.accounts());
        List<KeyPair> receivers = keys(plan.accounts());
        fund(senders);
        refreshBlockhash();
        SignedTransfer[] transfers = signAll(senders, receivers);
        BlockFollower follower = new BlockFollower(startHeight());
        Thread followerThread = new Thread(follower, "bench-follower");
        followerThread.setDaemon(true);
        followerThread.start();

        long started = System.nanoTime();
        submitAll(transfers, started);
        long submitEnded = System.nanoTime();
        long deadline = submitEnded + TimeUnit.SECONDS.toNanos(plan.timeoutSeconds());
        while (finalizedAtNanos.size() < submittedAtNanos.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        follower.stop();
        long lastFinalized = finalizedAtNanos.values().stream().mapToLong(Long::longValue).max().orElse(submitEnded);
        long[] latencies = finalizedAtNanos.entrySet().stream()
                .mapToLong(e -> TimeUnit.NANOSECONDS.toMillis(e.getValue() - submittedAtNanos.get(e.getKey())))
                .sorted().toArray();
        return new Result(plan.transactions(), submittedAtNanos.size(), new TreeMap<>(refused),
                finalizedAtNanos.size(), follower.blocks.get(), follower.maxPerBlock.get(),
                (submitEnded - started) / 1e9, Math.max(1, lastFinalized - started) / 1e9, latencies);
    }

    private record SignedTransfer(String signature, ByteString bytes) {}

    private SignedTransfer[] signAll(List<KeyPair> senders, List<KeyPair> receivers) throws InterruptedException {
        SignedTransfer[] transfers = new SignedTransfer[plan.transactions()];
        Hash recent = blockhash.get();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
            int first = t;
            int stride = Runtime.getRuntime().availableProcessors();
            pool.execute(() -> {
                for (int i = first; i < transfers.length; i += stride) {
                    KeyPair from = senders.get(i % senders.size());
                    KeyPair to = receivers.get(i % receivers.size());
                    // The amount grows with each round over the senders, so every transfer is distinct.
                    // Like any well-behaved client, ask for the units the transfer needs instead of
                    // the default 200,000 per instruction, which would cap a block at 240 transfers.
                    Transaction transfer = Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                            List.of(ComputeBudgetProgram.setComputeUnitLimit(TRANSFER_COMPUTE_UNITS),
                                    SystemProgram.transfer(from.publicKey(), to.publicKey(), 1 + i / senders.size())),
                            recent), List.of(from));
                    transfers[i] = new SignedTransfer(transfer.id().toBase58(), ByteString.copyFrom(transfer.serialize()));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return transfers;
    }

    private void submitAll(SignedTransfer[] transfers, long started) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads());
        AtomicInteger nextBatch = new AtomicInteger();
        for (int t = 0; t < plan.threads(); t++) {
            pool.execute(() -> submitLoop(transfers, started, nextBatch));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    private void submitLoop(SignedTransfer[] transfers, long started, AtomicInteger nextBatch) {
        TransactionServiceGrpc.TransactionServiceBlockingStub stub = TransactionServiceGrpc.newBlockingStub(channel);
        for (int first = nextBatch.getAndIncrement() * plan.batch(); first < transfers.length;
             first = nextBatch.getAndIncrement() * plan.batch()) {
            int end = Math.min(transfers.length, first + plan.batch());
            waitUntilDue(first, started);
            SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
            long now = System.nanoTime();
            for (int i = first; i < end; i++) {
                request.addTransactions(transfers[i].bytes());
                // Recorded before the call: the block can be finalized before the call returns.
                submittedAtNanos.put(transfers[i].signature(), now);
            }
            try {
                List<SubmitResult> results = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .submitTransactions(request.build()).getResultsList();
                for (int i = first; i < end; i++) {
                    SubmitResult result = results.get(i - first);
                    if (!result.getReason().isEmpty()) {
                        submittedAtNanos.remove(transfers[i].signature());
                        refused.merge(result.getReason(), 1, Integer::sum);
                    }
                }
            } catch (StatusRuntimeException e) {
                String reason = String.valueOf(e.getStatus().getDescription()).split(":", 2)[0];
                for (int i = first; i < end; i++) {
                    submittedAtNanos.remove(transfers[i].signature());
                }
                refused.merge(reason, end - first, Integer::sum);
            }
        }
    }

    private void waitUntilDue(int index, long started) {
        if (plan.tps() <= 0) {
            return;
        }
        long due = started + (long) (index * (1e9 / plan.tps()));
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void refreshBlockhash() {
        blockhash.set(Hash.fromBase58(ChainServiceGrpc.newBlockingStub(channel)
                .getLatestBlockhash(GetLatestBlockhashRequest.getDefaultInstance()).getBlockhash()));
    }

    private long startHeight() {
        return NodeServiceGrpc.newBlockingStub(channel).getNodeStatus(GetNodeStatusRequest.getDefaultInstance())
                .getFinalizedHeight();
    }

    private static List<KeyPair> keys(int count) {
        SecureRandom random = new SecureRandom();
        List<KeyPair> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(KeyPair.generate(random));
        }
        return keys;
    }

    /** Airdrops to every sender and waits until all of them are finalized. */
    private void fund(List<KeyPair> senders) throws InterruptedException {
        FaucetServiceGrpc.FaucetServiceBlockingStub faucet = FaucetServiceGrpc.newBlockingStub(channel);
        Set<String> pending = ConcurrentHashMap.newKeySet();
        long from = startHeight();
        for (KeyPair sender : senders) {
            pending.add(faucet.requestAirdrop(RequestAirdropRequest.newBuilder()
                    .setAddress(sender.publicKey().toBase58()).setLamports(FUNDING_LAMPORTS).build()).getSignature());
        }
        Iterator<Block> blocks = ChainServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(plan.timeoutSeconds(), TimeUnit.SECONDS)
                .streamBlocks(StreamBlocksRequest.newBuilder().setFromHeight(from + 1).build());
        while (!pending.isEmpty() && blocks.hasNext()) {
            blocks.next().getSignaturesList().forEach(pending::remove);
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " funding airdrops were not finalized");
        }
    }

    /** Follows finalized blocks and stamps each of our signatures with its arrival time. */
    private final class BlockFollower implements Runnable {
        final AtomicInteger blocks = new AtomicInteger();
        final AtomicInteger maxPerBlock = new AtomicInteger();
        private final long fromHeight;
        private volatile io.grpc.Context.CancellableContext context;

        BlockFollower(long afterHeight) {
            this.fromHeight = afterHeight + 1;
        }

        @Override
        public void run() {
            context = io.grpc.Context.current().withCancellation();
            context.run(() -> {
                try {
                    Iterator<Block> stream = ChainServiceGrpc.newBlockingStub(channel)
                            .streamBlocks(StreamBlocksRequest.newBuilder().setFromHeight(fromHeight).build());
                    while (stream.hasNext()) {
                        Block block = stream.next();
                        long now = System.nanoTime();
                        blocks.incrementAndGet();
                        maxPerBlock.accumulateAndGet(block.getSignaturesCount(), Math::max);
                        for (String signature : block.getSignaturesList()) {
                            if (submittedAtNanos.containsKey(signature)) {
                                finalizedAtNanos.putIfAbsent(signature, now);
                            }
                        }
                    }
                } catch (StatusRuntimeException stopped) {
                    // cancelled at the end of the run
                }
            });
        }

        void stop() {
            if (context != null) {
                context.cancel(null);
            }
        }
    }
}
