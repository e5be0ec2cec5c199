package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Exit codes and messages that do not need a running node. */
class CliUsageTest {
    private static final String SOME_ADDRESS = "11111111111111111111111111111111";

    @Test
    void noCommandIsAUsageError() {
        CliRunner.Result result = new CliRunner().run();
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).startsWith("error: missing command").contains("mira --help");
    }

    @Test
    void groupWithoutSubcommandIsAUsageError() {
        CliRunner.Result result = new CliRunner().run("tx");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("status").contains("decode");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRunner.Result result = new CliRunner().run("balanse", SOME_ADDRESS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("balanse");
    }

    @Test
    void invalidAddressIsAUsageErrorThatSaysWhy() {
        CliRunner.Result result = new CliRunner().run("balance", "not-an-address");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("'not-an-address' is not a base58 address");
    }

    @Test
    void negativeAmountIsAUsageError() {
        CliRunner.Result result = new CliRunner().run("airdrop", SOME_ADDRESS, "-5");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unknownCommitmentIsAUsageError() {
        CliRunner.Result result = new CliRunner().run("balance", SOME_ADDRESS, "--commitment", "eventually");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("eventually");
    }

    @Test
    void malformedRpcAddressIsAUsageErrorWhereverItComesFrom() {
        assertThat(new CliRunner().run("--rpc", "localhost", "status").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(new CliRunner().run("status", "--rpc", "localhost:notaport").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        CliRunner.Result fromEnvironment = new CliRunner().withEnvironment("MIRA_RPC", "nonsense").run("status");
        assertThat(fromEnvironment.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromEnvironment.stderr()).startsWith("error: MIRA_RPC: ");
    }

    @Test
    void unreachableNodeExitsWithThreeAndNamesTheAddress() throws Exception {
        int closedPort = closedPort();
        String address = "127.0.0.1:" + closedPort;

        CliRunner.Result before = new CliRunner().run("--rpc", address, "status", "--json");
        CliRunner.Result after = new CliRunner().run("balance", SOME_ADDRESS, "--rpc", address);
        CliRunner.Result fromEnvironment = new CliRunner().withEnvironment("MIRA_RPC", address).run("status");

        for (CliRunner.Result result : new CliRunner.Result[] {before, after, fromEnvironment}) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).startsWith("error: cannot reach node at " + address);
        }
    }

    @Test
    void flagWinsOverEnvironment() throws Exception {
        String flagged = "127.0.0.1:" + closedPort();
        CliRunner.Result result = new CliRunner().withEnvironment("MIRA_RPC", "127.0.0.1:2").run("--rpc", flagged,
                "status");
        assertThat(result.stderr()).startsWith("error: cannot reach node at " + flagged);
    }

    @Test
    void hostPortParsing() {
        assertThat(HostPort.parse("127.0.0.1:50051")).isEqualTo(new HostPort("127.0.0.1", 50051));
        assertThat(HostPort.parse("[::1]:7")).isEqualTo(new HostPort("::1", 7));
        assertThat(HostPort.parse("[::1]:7").toString()).isEqualTo("[::1]:7");
        assertThat(RpcOption.DEFAULT.toString()).isEqualTo("127.0.0.1:50051");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
