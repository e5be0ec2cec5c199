package network.mira.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
import network.mira.rpc.v1.SubmitTransactionRequest;
import network.mira.rpc.v1.TransactionServiceGrpc;
import network.mira.svm.program.system.SystemProgram;
import network.mira.node.cli.CliEnvironment;
import network.mira.node.cli.HostPort;
import network.mira.node.cli.RpcOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code mira bench transfers}: a load generator against a running devnet. It funds a set of
 * fresh accounts from the faucet, submits signed transfers between them over gRPC as fast as the
 * node admits them, follows StreamBlocks until every admitted transfer is finalized, and prints
 * one JSON object with what it measured.
 */
@Command(name = "transfers", mixinStandardHelpOptions = true,
        description = "Submit N System transfers between funded accounts and measure finalized throughput.")
public final class TransferLoadCommand implements Callable<Integer> {
    /** The node address comes from the inherited {@code --rpc} option of {@code mira}. */
    @Spec
    CommandSpec spec;

    @Option(names = "--transactions", defaultValue = "2000", description = "Transfers to submit.")
    int transactions;

    @Option(names = "--accounts", defaultValue = "16", description = "Funded sender accounts.")
    int accounts;

    @Option(names = "--timeout-s", defaultValue = "300", description = "Give up waiting for finalization after this.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        HostPort endpoint = RpcOption.resolve(spec, CliEnvironment.system());
        ManagedChannel channel = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext().build();
        try {
            System.out.println(new ObjectMapper().writeValueAsString(run(channel)));
            return 0;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> run(ManagedChannel channel) throws InterruptedException {
        List<KeyPair> senders = fund(channel);
        TransactionServiceGrpc.TransactionServiceBlockingStub transactionsStub =
                TransactionServiceGrpc.newBlockingStub(channel);
        Hash blockhash = Hash.fromBase58(ChainServiceGrpc.newBlockingStub(channel)
                .getLatestBlockhash(GetLatestBlockhashRequest.getDefaultInstance()).getBlockhash());
        List<Transaction> load = new ArrayList<>(transactions);
        for (int i = 0; i < transactions; i++) {
            KeyPair from = senders.get(i % senders.size());
            KeyPair to = senders.get((i + 1) % senders.size());
            // Distinct amounts make every transfer a distinct transaction (and signature).
            load.add(Transaction.sign(MessageCompiler.compileLegacy(from.publicKey(),
                    List.of(SystemProgram.transfer(from.publicKey(), to.publicKey(), 1 + i / senders.size())),
                    blockhash), List.of(from)));
        }
        long startHeight = finalizedHeight(channel);
        long started = System.nanoTime();
        Set<String> admitted = new HashSet<>();
        Map<String, Integer> refused = new LinkedHashMap<>();
        for (Transaction transaction : load) {
            try {
                admitted.add(transactionsStub.submitTransaction(SubmitTransactionRequest.newBuilder()
                        .setTransaction(ByteString.copyFrom(transaction.serialize())).build()).getSignature());
            } catch (StatusRuntimeException e) {
                refused.merge(String.valueOf(e.getStatus().getDescription()).split(":", 2)[0], 1, Integer::sum);
            }
        }
        long submittedNanos = System.nanoTime() - started;
        Map<String, Object> finalization = awaitFinalized(channel, admitted, startHeight);
        long elapsedNanos = System.nanoTime() - started;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "transfers");
        out.put("submitted", transactions);
        out.put("admitted", admitted.size());
        out.put("refused", refused);
        out.put("finalized", finalization.get("finalized"));
        out.put("blocks", finalization.get("blocks"));
        out.put("submit_seconds", submittedNanos / 1e9);
        out.put("seconds_to_all_finalized", elapsedNanos / 1e9);
        out.put("finalized_tps", ((Integer) finalization.get("finalized")) / (elapsedNanos / 1e9));
        out.put("max_transactions_in_a_block", finalization.get("max_per_block"));
        return out;
    }

    private List<KeyPair> fund(ManagedChannel channel) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        FaucetServiceGrpc.FaucetServiceBlockingStub faucet = FaucetServiceGrpc.newBlockingStub(channel);
        List<KeyPair> senders = new ArrayList<>();
        Set<String> airdrops = new HashSet<>();
        long startHeight = finalizedHeight(channel);
        for (int i = 0; i < accounts; i++) {
            KeyPair key = KeyPair.generate(random);
            senders.add(key);
            airdrops.add(faucet.requestAirdrop(RequestAirdropRequest.newBuilder()
                    .setAddress(key.publicKey().toBase58()).setLamports(1_000_000_000L).build()).getSignature());
        }
        awaitFinalized(channel, airdrops, startHeight);
        return senders;
    }

    private static long finalizedHeight(ManagedChannel channel) {
        return NodeServiceGrpc.newBlockingStub(channel).getNodeStatus(GetNodeStatusRequest.getDefaultInstance())
                .getFinalizedHeight();
    }

    private Map<String, Object> awaitFinalized(ManagedChannel channel, Set<String> signatures, long afterHeight) {
        Set<String> waiting = new HashSet<>(signatures);
        int blocks = 0;
        int maxPerBlock = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Iterator<Block> stream = ChainServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
                .streamBlocks(StreamBlocksRequest.newBuilder().setFromHeight(afterHeight + 1).build());
        while (!waiting.isEmpty() && System.nanoTime() < deadline && stream.hasNext()) {
            Block block = stream.next();
            blocks++;
            maxPerBlock = Math.max(maxPerBlock, block.getSignaturesCount());
            block.getSignaturesList().forEach(waiting::remove);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("finalized", signatures.size() - waiting.size());
        out.put("blocks", blocks);
        out.put("max_per_block", maxPerBlock);
        return out;
    }
}
