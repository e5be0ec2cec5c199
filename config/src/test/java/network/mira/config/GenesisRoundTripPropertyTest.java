package network.mira.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.mira.core.crypto.PublicKey;

class GenesisRoundTripPropertyTest {
    private static final int MAX_ACCOUNTS = 12;

    @Property(tries = 200)
    void anyValidGenesisSurvivesWriteAndRead(@ForAll("genesis") Genesis genesis) throws IOException {
        Path dir = Files.createTempDirectory("genesis-prop");
        try {
            Path file = dir.resolve("genesis.json");
            GenesisJson.write(file, genesis);
            Genesis read = GenesisJson.read(file);
            assertThat(read).isEqualTo(genesis);
            assertThat(read.hash()).isEqualTo(genesis.hash());
            assertThat(read.totalSupply()).isEqualTo(genesis.totalSupply());
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(GenesisRoundTripPropertyTest::delete);
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<Genesis> genesis() {
        Arbitrary<List<PublicKey>> accountKeys = keys().list().uniqueElements().ofMaxSize(MAX_ACCOUNTS);
        Arbitrary<List<PublicKey>> validatorKeys = keys().list().uniqueElements().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(accountKeys, validatorKeys).flatAs((addresses, identities) ->
                Combinators.combine(
                        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                                .ofMinLength(1).ofMaxLength(48),
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.integers().between(1, Genesis.MAX_BLOCKHASH_AGE_BLOCKS),
                        accounts(addresses),
                        validators(identities),
                        Arbitraries.integers().between(0, 2),
                        computeLimits())
                        .as(GenesisRoundTripPropertyTest::build));
    }

    /** Any positive values with per-transaction &lt;= per-account &lt;= per-block. */
    private static Arbitrary<Genesis.ComputeLimits> computeLimits() {
        return Combinators.combine(
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Long.MAX_VALUE).list().ofSize(3).map(limits -> limits.stream()
                        .sorted().toList()))
                .as((perInstruction, sorted) ->
                        new Genesis.ComputeLimits(perInstruction, sorted.get(0), sorted.get(2), sorted.get(1)));
    }

    private static Arbitrary<List<Genesis.GenesisAccount>> accounts(List<PublicKey> addresses) {
        // Each account gets at most an equal share of Long.MAX_VALUE, so the supply never overflows.
        long cap = Long.MAX_VALUE / MAX_ACCOUNTS;
        List<Arbitrary<Genesis.GenesisAccount>> each = new ArrayList<>();
        for (PublicKey address : addresses) {
            each.add(Combinators.combine(
                    Arbitraries.longs().between(0, cap),
                    Arbitraries.oneOf(Arbitraries.just(Genesis.SYSTEM_PROGRAM), keys()),
                    Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                    Arbitraries.of(true, false))
                    .as((lamports, owner, data, executable) ->
                            new Genesis.GenesisAccount(address, lamports, owner, data, executable)));
        }
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<List<Genesis.GenesisValidator>> validators(List<PublicKey> identities) {
        long cap = Long.MAX_VALUE / 5;
        List<Arbitrary<Genesis.GenesisValidator>> each = new ArrayList<>();
        for (PublicKey identity : identities) {
            each.add(Arbitraries.longs().between(1, cap).map(stake -> new Genesis.GenesisValidator(identity, stake)));
        }
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<PublicKey> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(PublicKey.LENGTH).map(PublicKey::wrap);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** faucetMode: 0 none, 1 disabled (any address), 2 enabled on the last account. */
    private static Genesis build(String chainId, long timeMs, long lamportsPerSignature, int maxAge,
                                 List<Genesis.GenesisAccount> accounts, List<Genesis.GenesisValidator> validators,
                                 int faucetMode, Genesis.ComputeLimits compute) {
        Optional<Genesis.GenesisFaucet> faucet = switch (faucetMode) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(new Genesis.GenesisFaucet(false, validators.get(0).identity()));
            default -> accounts.isEmpty() ? Optional.empty()
                    : Optional.of(new Genesis.GenesisFaucet(true, accounts.get(accounts.size() - 1).address()));
        };
        return new Genesis(chainId, timeMs, lamportsPerSignature, maxAge, compute, faucet, accounts, validators);
    }
}
