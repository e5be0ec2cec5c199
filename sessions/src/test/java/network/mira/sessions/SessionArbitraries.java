package network.mira.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.intent.IntentText;
import network.mira.sessions.intent.SessionIntent;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;

/** Generators of valid scopes and intents, edge cases included (keys with leading zero bytes, 0 and max limits, full lists). */
public final class SessionArbitraries {
    private SessionArbitraries() {}

    public static Arbitrary<PublicKey> keys() {
        Arbitrary<PublicKey> random = Arbitraries.bytes().array(byte[].class).ofSize(PublicKey.LENGTH).map(PublicKey::wrap);
        Arbitrary<PublicKey> leadingZeros = Arbitraries.integers().between(1, PublicKey.LENGTH).flatMap(zeros ->
                Arbitraries.bytes().array(byte[].class).ofSize(PublicKey.LENGTH - zeros).map(rest -> {
                    byte[] key = new byte[PublicKey.LENGTH];
                    System.arraycopy(rest, 0, key, zeros, rest.length);
                    return PublicKey.wrap(key);
                }));
        return Arbitraries.frequencyOf(Tuple.of(8, random), Tuple.of(1, leadingZeros));
    }

    /** 1..{@code max} distinct keys in byte order. */
    public static Arbitrary<List<PublicKey>> sortedKeys(int max) {
        return keys().set().ofMinSize(1).ofMaxSize(max).map(set -> new ArrayList<>(new TreeSet<>(set)));
    }

    public static Arbitrary<ProgramScope> programScope(PublicKey program) {
        Arbitrary<SortedSet<Integer>> discriminators = Arbitraries.integers().between(0, 255).set()
                .ofMinSize(1).ofMaxSize(ProgramScope.MAX_DISCRIMINATORS).map(TreeSet::new);
        return discriminators.optional(0.5).map(set -> new ProgramScope(program, set));
    }

    public static Arbitrary<List<ProgramScope>> programs(int max) {
        return sortedKeys(max).flatMap(keys -> {
            List<Arbitrary<ProgramScope>> each = keys.stream().map(SessionArbitraries::programScope).toList();
            return Combinators.combine(each).as(List::copyOf);
        });
    }

    public static Arbitrary<Long> lamports() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).edgeCases(edges -> edges.includeOnly(0L, 1L, Long.MAX_VALUE));
    }

    private static Arbitrary<OptionalLong> optionalLamports() {
        return lamports().optional(0.7).map(value -> value.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    public static Arbitrary<SessionScope> scopes(int maxListEntries) {
        Arbitrary<Optional<List<ProgramScope>>> programs =
                programs(Math.min(maxListEntries, SessionScope.MAX_PROGRAMS)).optional(0.7);
        Arbitrary<Optional<List<PublicKey>>> recipients =
                sortedKeys(Math.min(maxListEntries, SessionScope.MAX_RECIPIENTS)).optional(0.7);
        return Combinators.combine(programs, optionalLamports(), optionalLamports(), optionalLamports(), recipients,
                        lamports())
                .as((p, spend, perTx, maxTx, r, fee) -> new SessionScope(p, spend, belowSpend(perTx, spend), maxTx, r, fee));
    }

    /** Keeps the per-transaction limit valid: not above the spend limit. */
    private static OptionalLong belowSpend(OptionalLong perTx, OptionalLong spend) {
        if (perTx.isPresent() && spend.isPresent() && perTx.getAsLong() > spend.getAsLong()) {
            return OptionalLong.of(perTx.getAsLong() % (spend.getAsLong() + 1));
        }
        return perTx;
    }

    public static Arbitrary<String> chainIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(48);
    }

    public static Arbitrary<String> domains() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-:").ofMinLength(1).ofMaxLength(64);
    }

    public static Arbitrary<Long> expiries() {
        return Arbitraries.longs().between(0, SessionIntent.MAX_EXPIRES_AT_MS / 1000).map(seconds -> seconds * 1000)
                .edgeCases(edges -> edges.includeOnly(0L, SessionIntent.MAX_EXPIRES_AT_MS));
    }

    /** Any valid intent, whether or not its text fits in {@link IntentText#MAX_BYTES}. */
    public static Arbitrary<SessionIntent> intents(int maxListEntries) {
        return Combinators.combine(chainIds(), domains(), keys(), keys(), expiries(), scopes(maxListEntries), lamports())
                .as((chain, domain, owner, session, expires, scope, nonce) ->
                        new SessionIntent(SessionIntent.VERSION, chain, domain, owner, session, expires, scope, nonce));
    }

    /** Valid intents whose text a wallet can sign (at most {@link IntentText#MAX_BYTES} bytes). */
    public static Arbitrary<SessionIntent> signableIntents() {
        return intents(4).filter(SessionArbitraries::fits);
    }

    public static boolean fits(SessionIntent intent) {
        try {
            IntentText.render(intent);
            return true;
        } catch (IllegalArgumentException tooLong) {
            return false;
        }
    }
}
