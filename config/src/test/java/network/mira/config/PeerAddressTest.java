package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class PeerAddressTest {
    private static final PublicKey A = key(1);
    private static final PublicKey B = key(2);

    private static PublicKey key(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return KeyPair.fromSeed(bytes).publicKey();
    }

    @Test
    void parsesHostNamesIpv4AndBracketedIpv6() {
        assertThat(PeerAddress.parse(A + "@127.0.0.1:7700")).isEqualTo(new PeerAddress(A, "127.0.0.1", 7700));
        assertThat(PeerAddress.parse(A + "@node-3.example.org:1")).isEqualTo(new PeerAddress(A, "node-3.example.org", 1));
        PeerAddress v6 = PeerAddress.parse(A + "@[fd00::1]:65535");
        assertThat(v6).isEqualTo(new PeerAddress(A, "fd00::1", 65535));
        assertThat(v6.hostPort()).isEqualTo("[fd00::1]:65535");
        assertThat(v6.toString()).isEqualTo(A + "@[fd00::1]:65535");
    }

    @Test
    void textRoundTrips() {
        List<PeerAddress> peers = List.of(new PeerAddress(A, "10.0.0.1", 7700), new PeerAddress(B, "::1", 7701));
        String text = PeerAddress.format(peers);
        assertThat(text).isEqualTo(A + "@10.0.0.1:7700," + B + "@[::1]:7701");
        assertThat(PeerAddress.parseList(text)).isEqualTo(peers);
        assertThat(PeerAddress.parseList(" " + A + "@10.0.0.1:7700 ,\t" + B + "@[::1]:7701 ")).isEqualTo(peers);
        assertThat(PeerAddress.parseList("")).isEmpty();
        assertThat(PeerAddress.parseList("  ")).isEmpty();
    }

    @Test
    void eachMistakeIsNamed() {
        assertThatThrownBy(() -> PeerAddress.parse("127.0.0.1:7700"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected NODE_ID@HOST:PORT, there is no '@' in '127.0.0.1:7700'");
        assertThatThrownBy(() -> PeerAddress.parse("abc@h:1"))
                .hasMessage("node id 'abc' in 'abc@h:1' is not a base58 Ed25519 public key: "
                        + "public key must decode to 32 bytes, 'abc' decodes to 3");
        assertThatThrownBy(() -> PeerAddress.parse("0OIl@h:1"))
                .hasMessageStartingWith("node id '0OIl' in '0OIl@h:1' is not a base58 Ed25519 public key: invalid base58");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@h"))
                .hasMessage("expected NODE_ID@HOST:PORT, there is no ':PORT' in '" + A + "@h'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@h:0"))
                .hasMessage("port must be 1..65535, got 0 in '" + A + "@h:0'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@h:65536"))
                .hasMessage("port must be 1..65535, got 65536 in '" + A + "@h:65536'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@h:x1"))
                .hasMessage("port 'x1' in '" + A + "@h:x1' is not a number");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@:1"))
                .hasMessage("host must not be empty in '" + A + "@:1'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@::1:1"))
                .hasMessage("an IPv6 host must be in brackets (NODE_ID@[::1]:7700), got '" + A + "@::1:1'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@a/b:1"))
                .hasMessage("host 'a/b' is not a host name, an IPv4 address or a bracketed IPv6 address in '"
                        + A + "@a/b:1'");
        assertThatThrownBy(() -> PeerAddress.parse(A + "@[zz]:1"))
                .hasMessage("'[zz]' in '" + A + "@[zz]:1' is not an IPv6 address");
    }

    @Test
    void listErrorsNameTheEntry() {
        assertThatThrownBy(() -> PeerAddress.parseList(A + "@h:1,," + B + "@h:2"))
                .hasMessage("entry 2 of 3 is empty (two commas in a row, or a trailing comma)");
        assertThatThrownBy(() -> PeerAddress.parseList(A + "@h:1,"))
                .hasMessage("entry 2 of 2 is empty (two commas in a row, or a trailing comma)");
        assertThatThrownBy(() -> PeerAddress.parseList(A + "@h:1," + B + "@h"))
                .hasMessage("entry 2 of 2: expected NODE_ID@HOST:PORT, there is no ':PORT' in '" + B + "@h'");
        String tooMany = String.join(",", Collections.nCopies(PeerAddress.MAX_LIST_ENTRIES + 1, A + "@h:1"));
        assertThatThrownBy(() -> PeerAddress.parseList(tooMany)).hasMessage("at most 256 entries, got 257");
    }

    @Test
    void duplicatesAreRefusedByIdAndByAddress() {
        assertThatThrownBy(() -> PeerAddress.checkDistinct("p2p.seeds",
                List.of(new PeerAddress(A, "h", 1), new PeerAddress(B, "h", 2), new PeerAddress(A, "g", 3))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("p2p.seeds: entry 3 (" + A + "@g:3) repeats the node id of entry 1");
        assertThatThrownBy(() -> PeerAddress.checkDistinct("p2p.seeds",
                List.of(new PeerAddress(A, "Node1", 1), new PeerAddress(B, "node1", 1))))
                .hasMessage("p2p.seeds: entry 2 (" + B + "@node1:1) repeats the address node1:1 of entry 1");
        assertThatThrownBy(() -> new NodeConfig.P2p("127.0.0.1", 7700, java.util.Optional.empty(),
                List.of(new PeerAddress(A, "h", 1), new PeerAddress(A, "h", 2)), List.of(), 1, 1))
                .hasMessage("p2p.persistent-peers: entry 2 (" + A + "@h:2) repeats the node id of entry 1");
    }
}
