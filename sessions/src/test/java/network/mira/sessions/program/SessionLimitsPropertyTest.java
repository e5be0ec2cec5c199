package network.mira.sessions.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.sessions.scope.SessionScope;
import network.mira.svm.TransactionResult;
import network.mira.svm.program.system.SystemProgram;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a session key tries — random amounts, several uses per transaction, the clock moving,
 * the owner revoking — the owner never loses more than the spend limit, no transaction moves more
 * than the per-transaction limit, no more transactions succeed than the count allows, and nothing
 * succeeds at or after expiry or after the block that revoked it.
 */
class SessionLimitsPropertyTest {
    private static final long SPEND_LIMIT = 10_000;
    private static final long PER_TX_LIMIT = 3_000;
    private static final long MAX_TX = 5;
    private static final long LIFETIME_MS = 120_000;

    /** One transaction: 1..3 transfers of these amounts, after the clock moved by {@code advanceMs}. */
    record Step(List<Long> amounts, long advanceMs, boolean revokeBefore) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.longs().between(0, 4_000).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.longs().between(0, 40_000),
                Arbitraries.integers().between(0, 19).map(i -> i == 0)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(14);
    }

    @Property(tries = 60)
    void noInterleavingSpendsPastALimitOrActsAfterTheWindowCloses(@ForAll("steps") List<Step> steps) {
        SessionChain chain = new SessionChain();
        KeyPair owner = SessionChain.key("owner");
        KeyPair key = SessionChain.key("key");
        PublicKey bob = SessionChain.key("bob").publicKey();
        chain.fund(owner.publicKey(), 1_000_000);
        chain.fund(key.publicKey(), 10_000_000);
        long expiresAt = chain.nowMs + LIFETIME_MS;
        SessionScope scope = new SessionScope(Optional.empty(), OptionalLong.of(SPEND_LIMIT),
                OptionalLong.of(PER_TX_LIMIT), OptionalLong.of(MAX_TX), Optional.of(List.of(bob)), 0);
        assertThat(chain.run(owner, List.of(SessionProgram.createSession(owner.publicKey(), owner.publicKey(),
                key.publicKey(), expiresAt, 1, "prop.example", scope)), owner).error()).isEmpty();
        PublicKey session = SessionProgram.sessionAddress(owner.publicKey(), 1);

        long ownerStart = chain.lamports(owner.publicKey());
        long revokedAt = -1;
        long ownerFees = 0;
        int succeeded = 0;
        for (Step step : steps) {
            chain.nowMs += step.advanceMs();
            if (step.revokeBefore() && revokedAt < 0 && chain.nowMs < expiresAt) {
                revokedAt = chain.height;
                assertThat(chain.run(owner, List.of(SessionProgram.revoke(session, owner.publicKey())), owner).error())
                        .isEmpty();
                ownerFees += SessionChain.FEE; // the owner pays for its own revocation, not the session
            }
            List<Instruction> uses = new ArrayList<>();
            long total = 0;
            for (long amount : step.amounts()) {
                uses.add(SessionProgram.act(session, key.publicKey(), owner.publicKey(),
                        SystemProgram.transfer(owner.publicKey(), bob, amount)));
                total += amount;
            }
            long ownerBefore = chain.lamports(owner.publicKey());
            long height = chain.height;
            TransactionResult result = chain.run(key, uses, key);
            long moved = ownerBefore - chain.lamports(owner.publicKey());
            if (result.error().isPresent()) {
                assertThat(moved).as("a refused transaction moves nothing").isZero();
                continue;
            }
            succeeded++;
            assertThat(moved).isEqualTo(total).isLessThanOrEqualTo(PER_TX_LIMIT);
            assertThat(chain.nowMs).as("acts only before expiry").isLessThan(expiresAt);
            assertThat(revokedAt < 0 || height <= revokedAt).as("acts only until the revoking block").isTrue();
        }
        long spent = ownerStart - ownerFees - chain.lamports(owner.publicKey());
        assertThat(spent).isLessThanOrEqualTo(SPEND_LIMIT);
        assertThat(succeeded).isLessThanOrEqualTo((int) MAX_TX);
        assertThat(chain.lamports(bob)).isEqualTo(spent);
        chain.session(session).ifPresent(record -> assertThat(record.spent()).isEqualTo(spent));
    }

    @Property(tries = 20)
    void theLimitReachedExactlyIsAllowedAndOneLamportMoreIsNot(@ForAll("splits") List<Long> parts) {
        SessionChain chain = new SessionChain();
        KeyPair owner = SessionChain.key("owner");
        KeyPair key = SessionChain.key("key");
        PublicKey bob = SessionChain.key("bob").publicKey();
        chain.fund(owner.publicKey(), 1_000_000);
        chain.fund(key.publicKey(), 10_000_000);
        long limit = parts.stream().mapToLong(Long::longValue).sum();
        SessionScope scope = new SessionScope(Optional.empty(), OptionalLong.of(limit), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), 0);
        chain.run(owner, List.of(SessionProgram.createSession(owner.publicKey(), owner.publicKey(), key.publicKey(),
                chain.nowMs + LIFETIME_MS, 1, "prop.example", scope)), owner);
        PublicKey session = SessionProgram.sessionAddress(owner.publicKey(), 1);
        for (long part : parts) {
            assertThat(chain.run(key, List.of(SessionProgram.act(session, key.publicKey(), owner.publicKey(),
                    SystemProgram.transfer(owner.publicKey(), bob, part))), key).error()).isEmpty();
        }
        TransactionResult oneMore = chain.run(key, List.of(SessionProgram.act(session, key.publicKey(),
                owner.publicKey(), SystemProgram.transfer(owner.publicKey(), bob, 1))), key);
        assertThat(oneMore.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("SpendLimitExceeded"));
        assertThat(chain.lamports(bob)).isEqualTo(limit);
    }

    @Provide
    Arbitrary<List<Long>> splits() {
        return Arbitraries.longs().between(1, 5_000).list().ofMinSize(1).ofMaxSize(5);
    }
}
