package network.mira.node.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.ListSessionsResponse;
import network.mira.rpc.v1.Session;
import network.mira.rpc.v1.SessionStatus;
import network.mira.sessions.program.SessionProgram;
import network.mira.svm.program.system.SystemProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code mira transfer}: a System program transfer signed by {@code --from}, who also pays the fee, with
 * the node's latest finalized blockhash; then waits for the requested commitment. With
 * {@code --session-key} and {@code --owner} instead, the transfer is made from the owner through a
 * session: the session key signs and pays, and the session program checks the session's scope.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Send lamports with a System transfer, wait for the commitment, print signature and status. "
                + "Either --from signs, or --session-key sends the owner's lamports through a session.")
final class TransferCommand extends SubmittingCommand {
    @Option(names = "--from", paramLabel = "FILE",
            description = "Keypair file of the sender, who signs and pays the fee.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address of the recipient.")
    PublicKey to;

    @Option(names = "--amount", required = true, paramLabel = "LAMPORTS", converter = Converters.NonNegative.class,
            description = "Amount in lamports.")
    long amount;

    @Option(names = "--session-key", paramLabel = "FILE",
            description = "Instead of --from: keypair file of a session key, which signs and pays the fee; the "
                    + "lamports leave --owner through the session (within its scope).")
    Path sessionKey;

    @Option(names = "--owner", paramLabel = "ADDR", converter = Converters.KeyOrAddress.class,
            description = "With --session-key: the wallet the session acts for (base58 address or keypair file).")
    PublicKey owner;

    @Option(names = "--session", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "With --session-key: the session to use. Default: the owner's one active session "
                    + "held by the key.")
    PublicKey session;

    TransferCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        checkSenderOptions();
        if (from != null) {
            KeyPair sender = KeysCommand.read(from);
            return submit(sender, List.of(), List.of(SystemProgram.transfer(sender.publicKey(), to, amount)),
                    Map.of());
        }
        KeyPair key = KeysCommand.read(sessionKey);
        PublicKey chosen = session != null ? session : activeSession(key.publicKey());
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("session", chosen.toBase58());
        fields.put("owner", owner.toBase58());
        return submit(key, List.of(), List.of(SessionProgram.act(chosen, key.publicKey(), owner,
                SystemProgram.transfer(owner, to, amount))), fields);
    }

    /** Either --from alone, or --session-key with --owner (and perhaps --session). */
    private void checkSenderOptions() {
        if (from == null && sessionKey == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required option: '--from=FILE' (or --session-key with --owner)");
        }
        if (from != null && (sessionKey != null || owner != null || session != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--from cannot be combined with --session-key, --owner or --session");
        }
        if (sessionKey != null && owner == null) {
            throw new ParameterException(spec.commandLine(), "--session-key needs --owner, the wallet it acts for");
        }
    }

    /** The owner's one active session held by {@code key}; anything else is refused with what was found. */
    private PublicKey activeSession(PublicKey key) {
        ListSessionsResponse response;
        try (SessionClient sessions = SessionClient.connect(endpoint())) {
            response = sessions.sessionsOf(owner);
        }
        List<String> held = response.getSessionsList().stream()
                .filter(candidate -> candidate.getSessionKey().equals(key.toBase58())
                        && candidate.getStatus() == SessionStatus.SESSION_STATUS_ACTIVE)
                .map(Session::getSession).toList();
        if (held.isEmpty()) {
            throw CliException.failure("NO_ACTIVE_SESSION: " + owner + " has no active session held by key " + key
                    + " at height " + Long.toUnsignedString(response.getHeight()) + " (" + response.getSessionsCount()
                    + " session(s) in all; see 'mira session list " + owner + "')");
        }
        if (held.size() > 1) {
            throw CliException.failure("SEVERAL_ACTIVE_SESSIONS: key " + key + " holds " + held.size()
                    + " active sessions of " + owner + ": " + String.join(", ", held) + "; choose one with --session");
        }
        return PublicKey.fromBase58(held.get(0));
    }
}
