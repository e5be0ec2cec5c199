package network.mira.sessions.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.account.Account;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Instruction;
import network.mira.sessions.intent.IntentText;
import network.mira.sessions.intent.RevocationText;
import network.mira.sessions.intent.SessionIntent;
import network.mira.sessions.intent.SignedIntent;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;
import network.mira.svm.TransactionResult;
import network.mira.svm.program.system.SystemProgram;
import org.junit.jupiter.api.Test;

/**
 * The session program end to end in the runtime: creating (by transaction and by signed intent),
 * acting within scope, every refusal with its reason and no change but the fee, revocation from the
 * next block, expiry without action and pruning.
 */
class SessionProgramTest {
    private static final long MINUTE = 60_000;
    private final SessionChain chain = new SessionChain();
    private final KeyPair alice = SessionChain.key("alice");
    private final KeyPair sessionKey = SessionChain.key("session key");
    private final KeyPair dapp = SessionChain.key("dapp sponsor");
    private final PublicKey bob = SessionChain.key("bob").publicKey();
    private final PublicKey carol = SessionChain.key("carol").publicKey();

    SessionProgramTest() {
        chain.fund(alice.publicKey(), 10_000_000);
        chain.fund(sessionKey.publicKey(), 1_000_000);
        chain.fund(dapp.publicKey(), 1_000_000);
    }

    private static SessionScope scope(long spend, long perTx, long maxTx, List<PublicKey> recipients) {
        return new SessionScope(Optional.of(List.of(new ProgramScope(SystemProgram.ID,
                Optional.of(new TreeSet<>(List.of(2)))))), OptionalLong.of(spend), OptionalLong.of(perTx),
                OptionalLong.of(maxTx), Optional.of(recipients.stream().sorted().toList()), 20_000);
    }

    private PublicKey open(long nonce, SessionScope scope, long lifetimeMs) {
        TransactionResult result = chain.run(alice, List.of(SessionProgram.createSession(alice.publicKey(),
                alice.publicKey(), sessionKey.publicKey(), chain.nowMs + lifetimeMs, nonce, "game.example", scope)),
                alice);
        assertThat(result.error()).as("create").isEmpty();
        return SessionProgram.sessionAddress(alice.publicKey(), nonce);
    }

    private TransactionResult pay(PublicKey session, PublicKey to, long lamports) {
        return chain.run(sessionKey, List.of(SessionProgram.act(session, sessionKey.publicKey(), alice.publicKey(),
                SystemProgram.transfer(alice.publicKey(), to, lamports))), sessionKey);
    }

    private static void assertRefused(TransactionResult result, String code, String message) {
        assertThat(result.error()).as("expected %s", code).isPresent();
        assertThat(result.error().get().code()).isEqualTo(code);
        assertThat(result.error().get().message()).contains(message);
    }

    @Test
    void aSessionKeySpendsWithinItsLimitsAndTheThirdTransferIsRefused() {
        PublicKey session = open(1, scope(250, 150, 10, List.of(bob)), 10 * MINUTE);
        long aliceBefore = chain.lamports(alice.publicKey());

        assertThat(pay(session, bob, 100).error()).isEmpty();
        assertThat(pay(session, bob, 100).error()).isEmpty();
        long keyBefore = chain.lamports(sessionKey.publicKey());
        SortedMap<PublicKey, Account> before = new TreeMap<>(chain.state);
        TransactionResult third = pay(session, bob, 100);

        assertRefused(third, "SpendLimitExceeded", "300 lamports, more than its limit of 250 (50 remain)");
        assertThat(chain.lamports(bob)).isEqualTo(200);
        assertThat(chain.lamports(alice.publicKey())).isEqualTo(aliceBefore - 200);
        // Nothing changed but the session key's fee.
        before.put(sessionKey.publicKey(), before.get(sessionKey.publicKey()).withLamports(keyBefore - SessionChain.FEE));
        assertThat(chain.state).isEqualTo(before);
        SessionRecord record = chain.session(session).orElseThrow();
        assertThat(record.spent()).isEqualTo(200);
        assertThat(record.transactions()).isEqualTo(2);
        assertThat(chain.book(alice.publicKey()).events()).extracting(SessionEvent::kind).containsExactly(
                SessionEvent.Kind.CREATED, SessionEvent.Kind.USED, SessionEvent.Kind.USED);
        assertThat(chain.book(alice.publicKey()).events().get(1).lamports()).isEqualTo(100);
    }

    @Test
    void everyScopeRuleRefusesWithItsReason() {
        PublicKey session = open(2, scope(1_000, 150, 2, List.of(bob)), 10 * MINUTE);
        assertRefused(pay(session, bob, 151), "PerTransactionLimitExceeded",
                "151 lamports would leave the owner in this transaction, more than the limit of 150");
        assertRefused(pay(session, carol, 10), "RecipientNotAllowed", carol + " received 10 lamports");
        Instruction assign = SystemProgram.assign(alice.publicKey(), SessionProgram.ID);
        assertRefused(chain.run(sessionKey, List.of(SessionProgram.act(session, sessionKey.publicKey(),
                alice.publicKey(), assign)), sessionKey), "ProgramNotInScope", "instruction 1 is not in the scope");
        KeyPair stranger = SessionChain.key("stranger");
        chain.fund(stranger.publicKey(), 100_000);
        assertRefused(chain.run(stranger, List.of(SessionProgram.act(session, stranger.publicKey(), alice.publicKey(),
                SystemProgram.transfer(alice.publicKey(), bob, 1))), stranger), "SessionKeyMismatch", "is held by key");
        assertRefused(pay(SessionProgram.sessionAddress(alice.publicKey(), 99), bob, 1), "SessionNotFound",
                "no session at");

        assertThat(pay(session, bob, 10).error()).isEmpty();
        assertThat(pay(session, bob, 10).error()).isEmpty();
        assertRefused(pay(session, bob, 10), "TransactionCountExceeded", "has made its 2 transactions");
        assertThat(chain.lamports(bob)).isEqualTo(20);
    }

    @Test
    void severalUsesInOneTransactionShareItsLimitAndCountOnce() {
        PublicKey session = open(3, scope(1_000, 150, 1, List.of(bob)), 10 * MINUTE);
        Instruction use = SessionProgram.act(session, sessionKey.publicKey(), alice.publicKey(),
                SystemProgram.transfer(alice.publicKey(), bob, 80));
        assertRefused(chain.run(sessionKey, List.of(use, use), sessionKey), "PerTransactionLimitExceeded",
                "160 lamports would leave the owner in this transaction");
        Instruction small = SessionProgram.act(session, sessionKey.publicKey(), alice.publicKey(),
                SystemProgram.transfer(alice.publicKey(), bob, 70));
        assertThat(chain.run(sessionKey, List.of(small, small), sessionKey).error()).isEmpty();
        assertThat(chain.session(session).orElseThrow().transactions()).isEqualTo(1);
        assertThat(chain.lamports(bob)).isEqualTo(140);
    }

    @Test
    void anExpiredSessionAuthorizesNothingAndIsPrunedWithoutAnyAction() {
        PublicKey session = open(4, scope(1_000, 150, 10, List.of(bob)), 2 * MINUTE);
        long expiresAt = chain.session(session).orElseThrow().expiresAtMs();
        chain.nowMs = expiresAt - 1;
        assertThat(pay(session, bob, 5).error()).isEmpty();
        chain.nowMs = expiresAt;
        assertRefused(pay(session, bob, 5), "SessionExpired", "expired at " + expiresAt + " ms");

        chain.nowMs = (ExpiryBucket.bucketOf(expiresAt) + 1) * ExpiryBucket.BUCKET_MS;
        chain.emptyBlock();
        assertThat(chain.state).doesNotContainKeys(session,
                SessionProgram.expiryBucket(ExpiryBucket.bucketOf(expiresAt)));
        OwnerBook book = chain.book(alice.publicKey());
        assertThat(book.sessions()).isEmpty();
        assertThat(book.events().get(book.events().size() - 1).kind()).isEqualTo(SessionEvent.Kind.EXPIRED);
        assertRefused(pay(session, bob, 5), "SessionNotFound", "pruned after it expired");
        assertThat(chain.lamports(bob)).isEqualTo(5);
    }

    @Test
    void lamportsSentToTheDerivedAddressesFirstDoNotBlockASessionAndAreNeverDestroyed() {
        KeyPair stranger = SessionChain.key("griefer");
        chain.fund(stranger.publicKey(), 1_000_000);
        long expiresAt = chain.nowMs + 2 * MINUTE;
        PublicKey session = SessionProgram.sessionAddress(alice.publicKey(), 8);
        PublicKey bucket = SessionProgram.expiryBucket(ExpiryBucket.bucketOf(expiresAt));
        for (PublicKey target : List.of(session, SessionProgram.ownerBook(alice.publicKey()), bucket)) {
            assertThat(chain.run(stranger, List.of(SystemProgram.transfer(stranger.publicKey(), target, 7)), stranger)
                    .error()).isEmpty();
        }
        long total = chain.state.values().stream().mapToLong(Account::lamports).sum();

        assertThat(chain.run(alice, List.of(SessionProgram.createSession(alice.publicKey(), alice.publicKey(),
                sessionKey.publicKey(), expiresAt, 8, "game.example", scope(1_000, 150, 10, List.of(bob)))), alice)
                .error()).isEmpty();
        assertThat(pay(session, bob, 100).error()).isEmpty();
        chain.nowMs = (ExpiryBucket.bucketOf(expiresAt) + 1) * ExpiryBucket.BUCKET_MS;
        chain.emptyBlock();

        assertThat(chain.session(session)).isEmpty();
        assertThat(chain.state.get(session).lamports()).isEqualTo(7);
        assertThat(chain.state.get(session).owner()).isEqualTo(SystemProgram.ID);
        assertThat(chain.state.get(bucket).lamports()).isEqualTo(7);
        // Only fees left the chain: 2 transactions of one signature since the total was taken.
        assertThat(chain.state.values().stream().mapToLong(Account::lamports).sum())
                .isEqualTo(total - 2 * SessionChain.FEE);
    }

    @Test
    void aRevocationTakesEffectFromTheNextBlock() {
        PublicKey session = open(5, scope(1_000, 150, 10, List.of(bob)), 10 * MINUTE);
        long revokeHeight = chain.height;
        assertThat(chain.run(alice, List.of(SessionProgram.revoke(session, alice.publicKey())), alice).error())
                .isEmpty();
        assertThat(chain.session(session).orElseThrow().revokedAtHeight()).isEqualTo(revokeHeight);
        assertRefused(pay(session, bob, 5), "SessionRevoked", "revoked at height " + revokeHeight);
        assertRefused(chain.run(alice, List.of(SessionProgram.revoke(session, alice.publicKey())), alice),
                "SessionRevoked", "was revoked");
        assertRefused(chain.run(sessionKey, List.of(SessionProgram.revoke(session, alice.publicKey())), sessionKey,
                alice), "SessionRevoked", "was revoked");
    }

    @Test
    void theOwnerMayRevokeBySigningATextThatAnyoneSubmits() {
        PublicKey session = open(7, scope(1_000, 150, 10, List.of(bob)), 10 * MINUTE);
        String text = RevocationText.render(new RevocationText.Revocation(SessionChain.CHAIN_ID, alice.publicKey(),
                session));
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRefused(chain.run(dapp, List.of(SessionProgram.revokeFromIntent(session, alice.publicKey(), text,
                dapp.sign(bytes))), dapp), "BadIntentSignature", "not the owner's");
        assertRefused(chain.run(dapp, List.of(SessionProgram.revokeFromIntent(session, alice.publicKey(),
                text.replace("version: 1", "version:  1"), alice.sign(bytes))), dapp), "BadIntent", "exact form");

        long height = chain.height;
        assertThat(chain.run(dapp, List.of(SessionProgram.revokeFromIntent(session, alice.publicKey(), text,
                alice.sign(bytes))), dapp).error()).isEmpty();
        assertThat(chain.session(session).orElseThrow().revokedAtHeight()).isEqualTo(height);
        assertRefused(pay(session, bob, 5), "SessionRevoked", "revoked at height " + height);
    }

    @Test
    void anIntentSignedByTheOwnerOpensTheSessionForWhoeverSubmitsIt() {
        long expiresAt = (chain.nowMs / 1_000 + 600) * 1_000;
        SessionIntent intent = new SessionIntent(1, SessionChain.CHAIN_ID, "game.example", alice.publicKey(),
                sessionKey.publicKey(), expiresAt, scope(300, 150, 5, List.of(bob)), 42);
        String text = IntentText.render(intent);
        SignedIntent signed = new SignedIntent(text, alice.publicKey(),
                alice.sign(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        TransactionResult created = chain.run(dapp, List.of(SessionProgram.createSessionFromIntent(dapp.publicKey(),
                signed, 42, expiresAt)), dapp);

        assertThat(created.error()).isEmpty();
        PublicKey session = SessionProgram.sessionAddress(alice.publicKey(), 42);
        assertThat(chain.session(session).orElseThrow().scope()).isEqualTo(intent.scope());
        assertThat(pay(session, bob, 100).error()).isEmpty();
        assertRefused(chain.run(dapp, List.of(SessionProgram.createSessionFromIntent(dapp.publicKey(), signed, 42,
                expiresAt)), dapp), "NonceReused", "already used nonce 42");
    }

    @Test
    void anIntentForAnotherChainOrWithABadSignatureOrLifetimeIsRefused() {
        long expiresAt = (chain.nowMs / 1_000 + 600) * 1_000;
        SessionScope scope = scope(300, 150, 5, List.of(bob));
        assertRefused(submit(new SessionIntent(1, "mira-other", "game.example", alice.publicKey(),
                sessionKey.publicKey(), expiresAt, scope, 7), alice), "WrongChain", "the intent is for chain mira-other");
        assertRefused(submit(new SessionIntent(1, SessionChain.CHAIN_ID, "game.example", alice.publicKey(),
                sessionKey.publicKey(), expiresAt, scope, 8), dapp), "BadIntentSignature", "");
        assertRefused(submit(new SessionIntent(1, SessionChain.CHAIN_ID, "game.example", alice.publicKey(),
                sessionKey.publicKey(), (chain.nowMs / 1_000 - 1) * 1_000, scope, 9), alice), "ExpiryInPast",
                "not after the block time");
        long tooLong = (chain.nowMs + SessionChain.MAX_LIFETIME_MS) / 1_000 * 1_000 + 1_000;
        assertRefused(submit(new SessionIntent(1, SessionChain.CHAIN_ID, "game.example", alice.publicKey(),
                sessionKey.publicKey(), tooLong, scope, 10), alice), "LifetimeTooLong", "more than the maximum");
        assertThat(chain.book(alice.publicKey()).sessions()).isEmpty();
    }

    @Test
    void theOwnerSponsorsFeesWithinItsAllowance() {
        PublicKey session = open(6, scope(1_000, 150, 10, List.of(bob)), 10 * MINUTE);
        long keyBefore = chain.lamports(sessionKey.publicKey());
        assertThat(chain.run(sessionKey, List.of(SessionProgram.sponsorFee(session, sessionKey.publicKey(),
                alice.publicKey(), 15_000)), sessionKey).error()).isEmpty();
        assertThat(chain.lamports(sessionKey.publicKey())).isEqualTo(keyBefore - SessionChain.FEE + 15_000);
        assertRefused(chain.run(sessionKey, List.of(SessionProgram.sponsorFee(session, sessionKey.publicKey(),
                alice.publicKey(), 5_001)), sessionKey), "FeeAllowanceExceeded", "sponsors 5000 more lamports");
    }

    private TransactionResult submit(SessionIntent intent, KeyPair signer) {
        String text = IntentText.render(intent);
        Signature signature = signer.sign(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return chain.run(dapp, List.of(SessionProgram.createSessionFromIntent(dapp.publicKey(),
                new SignedIntent(text, intent.owner(), signature), intent.nonce(), intent.expiresAtMs())), dapp);
    }
}
