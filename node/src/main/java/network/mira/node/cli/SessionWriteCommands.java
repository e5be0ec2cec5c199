package network.mira.node.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.NodeStatus;
import network.mira.sessions.intent.IntentText;
import network.mira.sessions.intent.SessionIntent;
import network.mira.sessions.intent.SignedIntent;
import network.mira.sessions.program.SessionProgram;
import network.mira.sessions.scope.SessionScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mira session create|revoke}: the session program's owner-side instructions (docs/sessions.md, "CLI"). */
final class SessionWriteCommands {
    private SessionWriteCommands() {}

    private static final String OWNER_HELP = "Keypair file of the wallet the session acts for.";

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Grant a session key scoped authority over --owner until --expires-in from the node's "
                    + "finalized head time. The owner signs and pays a CreateSession transaction; with "
                    + "--via-intent the owner signs the intent text instead and the session key submits and "
                    + "pays (CreateSessionFromIntent). Prints the session's address and expiry.")
    static final class Create extends SubmittingCommand {
        @Option(names = "--owner", required = true, paramLabel = "FILE", description = OWNER_HELP)
        Path owner;

        @Option(names = "--session-key", required = true, paramLabel = "FILE",
                description = "Keypair file of the session key (the key the dApp holds).")
        Path sessionKey;

        @Option(names = "--expires-in", required = true, paramLabel = "DURATION",
                converter = Converters.Lifetime.class,
                description = "Lifetime from the finalized head's block time: 30s, 10m, 2h, 1d; the expiry is "
                        + "rounded up to a whole second. At most the chain's session_max_lifetime_ms.")
        Duration expiresIn;

        @Mixin
        SessionScopeOptions scope;

        @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "cli.local",
                converter = Converters.Domain.class,
                description = "Who asks for the session, shown in the intent (default ${DEFAULT-VALUE}).")
        String domain;

        @Option(names = "--nonce", paramLabel = "N", converter = Converters.NonNegative.class,
                description = "The session's nonce (its address derives from owner and nonce; each is used "
                        + "once). Default: random.")
        Long nonce;

        @Option(names = "--via-intent",
                description = "Owner signs the intent text (as a wallet's signMessage would); the session key "
                        + "submits it and pays the fee.")
        boolean viaIntent;

        Create(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair ownerKey = KeysCommand.read(owner);
            KeyPair key = KeysCommand.read(sessionKey);
            SessionScope sessionScope = scope.scope(spec);
            NodeStatus status;
            try (RpcClient rpc = connect()) {
                status = rpc.nodeStatus();
            }
            long expiresAtMs = expiry(status.getLatestBlockTimeMs(), expiresIn);
            long sessionNonce = nonce != null ? nonce : new SecureRandom().nextLong() & Long.MAX_VALUE;
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("session", SessionProgram.sessionAddress(ownerKey.publicKey(), sessionNonce).toBase58());
            fields.put("expires_at", SessionOutput.isoTime(expiresAtMs));
            fields.put("expires_at_ms", expiresAtMs);
            fields.put("owner", ownerKey.publicKey().toBase58());
            fields.put("session_key", key.publicKey().toBase58());
            fields.put("domain", domain);
            fields.put("nonce", sessionNonce);
            if (!viaIntent) {
                return submit(ownerKey, List.of(), List.of(SessionProgram.createSession(ownerKey.publicKey(),
                        ownerKey.publicKey(), key.publicKey(), expiresAtMs, sessionNonce, domain, sessionScope)),
                        fields);
            }
            SignedIntent intent = signedIntent(status.getChainId(), ownerKey, key.publicKey(), expiresAtMs,
                    sessionScope, sessionNonce);
            if (json) {
                fields.put("intent", intent.text());
            }
            return submit(key, List.of(), List.of(SessionProgram.createSessionFromIntent(key.publicKey(), intent,
                    sessionNonce, expiresAtMs)), fields);
        }

        /** The owner's signature over the intent's text, exactly its UTF-8 bytes, as a wallet signs it. */
        private SignedIntent signedIntent(String chainId, KeyPair ownerKey, PublicKey key, long expiresAtMs,
                                          SessionScope sessionScope, long sessionNonce) {
            String text;
            try {
                text = IntentText.render(new SessionIntent(SessionIntent.VERSION, chainId, domain,
                        ownerKey.publicKey(), key, expiresAtMs, sessionScope, sessionNonce));
            } catch (IllegalArgumentException e) {
                throw CliException.failure("cannot write the intent: " + e.getMessage());
            }
            return new SignedIntent(text, ownerKey.publicKey(), ownerKey.sign(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** Head time plus the lifetime, rounded up to a whole second: intents have second resolution. */
        static long expiry(long headTimeMs, Duration lifetime) {
            long exact = Math.addExact(headTimeMs, lifetime.toMillis());
            return -Math.floorDiv(-exact, 1_000L) * 1_000L;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "End a session early: from the block after the revocation's, it authorizes nothing.")
    static final class Revoke extends SubmittingCommand {
        @Option(names = "--owner", required = true, paramLabel = "FILE",
                description = OWNER_HELP + " Signs and pays the fee.")
        Path owner;

        @Option(names = "--session", required = true, paramLabel = "ADDR", converter = Converters.Address.class,
                description = "The session's address.")
        PublicKey session;

        Revoke(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair ownerKey = KeysCommand.read(owner);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("session", session.toBase58());
            return submit(ownerKey, List.of(), List.of(SessionProgram.revoke(session, ownerKey.publicKey())), fields);
        }
    }
}
