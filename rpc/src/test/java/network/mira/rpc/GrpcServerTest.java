package network.mira.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mira.rpc.service.NodeGrpcService;
import network.mira.rpc.v1.AccountServiceGrpc;
import network.mira.rpc.v1.GetBalanceRequest;
import network.mira.rpc.v1.GetNodeStatusRequest;
import network.mira.rpc.v1.NodeServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server around the services: health, reflection, metrics, error handling, binding. */
class GrpcServerTest {
    @TempDir
    Path dir;

    @Test
    void healthReportsServingForTheServerAndEachService() throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.Options.defaults())) {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(node.channel);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("mira.v1.TransactionService").build())
                    .getStatus()).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void reflectionListsOurServices() throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.Options.defaults())) {
            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(node.channel)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                            answer.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            answer.completeExceptionally(error);
                        }

                        @Override
                        public void onCompleted() {
                            answer.completeExceptionally(new AssertionError("no reflection answer"));
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            List<String> services = answer.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList()
                    .stream().map(ServiceResponse::getName).toList();
            requests.onCompleted();
            assertThat(services).contains("mira.v1.NodeService", "mira.v1.TransactionService",
                    "mira.v1.AccountService", "mira.v1.ChainService", "mira.v1.FaucetService", "mira.v1.SessionService",
                    "grpc.health.v1.Health");
        }
    }

    @Test
    void callsAreCountedByMethodAndStatusCode() throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.Options.defaults())) {
            AccountServiceGrpc.AccountServiceBlockingStub accounts = AccountServiceGrpc.newBlockingStub(node.channel);
            accounts.getBalance(GetBalanceRequest.newBuilder().setAddress(node.alice.publicKey().toBase58()).build());
            assertThatThrownBy(() -> accounts.getBalance(GetBalanceRequest.newBuilder().setAddress("bad").build()))
                    .isInstanceOf(StatusRuntimeException.class);
            String method = "mira.v1.AccountService/GetBalance";
            assertThat(node.metrics.get("mira_rpc_requests").tags("method", method, "code", "OK").counter().count())
                    .isEqualTo(1);
            assertThat(node.metrics.get("mira_rpc_requests").tags("method", method, "code", "INVALID_ARGUMENT")
                    .counter().count()).isEqualTo(1);
            assertThat(node.metrics.get("mira_rpc_latency").tags("method", method).timer().count()).isEqualTo(2);
        }
    }

    @Test
    void anUnexpectedExceptionBecomesInternalAndIsCounted() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        NodeGrpcService broken = new NodeGrpcService(() -> {
            throw new IllegalStateException("status source is broken");
        });
        try (GrpcServer server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", 0), List.of(broken),
                metrics)) {
            server.start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                assertThatThrownBy(() -> NodeServiceGrpc.newBlockingStub(channel)
                        .getNodeStatus(GetNodeStatusRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                            assertThat(e.getStatus().getDescription()).doesNotContain("broken");
                        });
                assertThat(metrics.get("mira_rpc_requests").tags("code", "INTERNAL").counter().count()).isEqualTo(1);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void portZeroPicksAFreePort() throws Exception {
        try (GrpcServer server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", 0), List.of(),
                new SimpleMeterRegistry())) {
            server.start();
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void aPortInUseIsAClearStartUpError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             GrpcServer server = new GrpcServer(GrpcServer.Settings.defaults("127.0.0.1", taken.getLocalPort()),
                     List.of(), new SimpleMeterRegistry())) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(AddressInUseException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("address already in use")
                    .hasMessageContaining("rpc.port")
                    .hasMessageContaining("--rpc-port");
        }
    }
}
