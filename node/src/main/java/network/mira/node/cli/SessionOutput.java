package network.mira.node.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import network.mira.rpc.v1.Session;
import network.mira.rpc.v1.SessionEvent;
import network.mira.rpc.v1.SessionEventKind;
import network.mira.rpc.v1.SessionProgramScope;
import network.mira.rpc.v1.SessionScope;
import network.mira.rpc.v1.SessionStatus;

/**
 * JSON shapes of the session commands. "No limit" is {@code null} (remaining budget, transactions, any
 * program, any recipient); times are ISO-8601 UTC with the milliseconds beside them; enum values print
 * lower case without their prefix.
 */
final class SessionOutput {
    private SessionOutput() {}

    static LinkedHashMap<String, Object> session(Session session) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("session", session.getSession());
        out.put("owner", session.getOwner());
        out.put("session_key", session.getSessionKey());
        out.put("domain", session.getDomain());
        out.put("status", status(session.getStatus()));
        out.put("expires_at", isoTime(session.getExpiresAtMs()));
        out.put("expires_at_ms", JsonOutput.u64(session.getExpiresAtMs()));
        out.put("remaining_ms", JsonOutput.u64(session.getRemainingMs()));
        out.put("remaining_lamports", session.hasRemainingLamports() ? JsonOutput.u64(session.getRemainingLamports())
                : null);
        out.put("remaining_tx", session.hasRemainingTx() ? JsonOutput.u64(session.getRemainingTx()) : null);
        out.put("spent", JsonOutput.u64(session.getSpent()));
        out.put("transactions", JsonOutput.u64(session.getTransactions()));
        out.put("fees_sponsored", JsonOutput.u64(session.getFeesSponsored()));
        out.put("created_height", JsonOutput.u64(session.getCreatedHeight()));
        out.put("revoked_at_height", session.hasRevokedAtHeight() ? JsonOutput.u64(session.getRevokedAtHeight())
                : null);
        out.put("nonce", JsonOutput.u64(session.getNonce()));
        out.put("scope", scope(session.getScope()));
        return out;
    }

    static LinkedHashMap<String, Object> scope(SessionScope scope) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        List<Object> programs = new ArrayList<>();
        for (SessionProgramScope program : scope.getProgramsList()) {
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>();
            entry.put("program", program.getProgram());
            entry.put("discriminators", program.getDiscriminatorsCount() == 0 ? null
                    : List.copyOf(program.getDiscriminatorsList()));
            programs.add(entry);
        }
        out.put("programs", programs.isEmpty() ? null : programs);
        out.put("spend_limit", scope.hasSpendLimit() ? JsonOutput.u64(scope.getSpendLimit()) : null);
        out.put("per_tx_limit", scope.hasPerTxLimit() ? JsonOutput.u64(scope.getPerTxLimit()) : null);
        out.put("max_tx", scope.hasMaxTx() ? JsonOutput.u64(scope.getMaxTx()) : null);
        out.put("recipients", scope.getRecipientsCount() == 0 ? null : List.copyOf(scope.getRecipientsList()));
        out.put("fee_allowance", JsonOutput.u64(scope.getFeeAllowance()));
        return out;
    }

    static LinkedHashMap<String, Object> event(SessionEvent event) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("sequence", JsonOutput.u64(event.getSequence()));
        out.put("kind", kind(event.getKind()));
        out.put("session", event.getSession());
        out.put("height", JsonOutput.u64(event.getHeight()));
        out.put("signature", event.getSignature().isEmpty() ? null : event.getSignature());
        out.put("program", event.getProgram().isEmpty() ? null : event.getProgram());
        out.put("lamports", JsonOutput.u64(event.getLamports()));
        return out;
    }

    /** The scope for text output, written as the intent text writes it ({@code any}, {@code none}). */
    static LinkedHashMap<String, String> scopeText(SessionScope scope) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        List<String> programs = new ArrayList<>();
        for (SessionProgramScope program : scope.getProgramsList()) {
            StringBuilder entry = new StringBuilder(program.getProgram());
            for (int i = 0; i < program.getDiscriminatorsCount(); i++) {
                entry.append(i == 0 ? ':' : '+').append(program.getDiscriminators(i));
            }
            programs.add(entry.toString());
        }
        out.put("programs", programs.isEmpty() ? "any" : String.join(",", programs));
        out.put("spend_limit", scope.hasSpendLimit() ? Long.toUnsignedString(scope.getSpendLimit()) : "none");
        out.put("per_tx_limit", scope.hasPerTxLimit() ? Long.toUnsignedString(scope.getPerTxLimit()) : "none");
        out.put("max_tx", scope.hasMaxTx() ? Long.toUnsignedString(scope.getMaxTx()) : "none");
        out.put("recipients", scope.getRecipientsCount() == 0 ? "any" : String.join(",", scope.getRecipientsList()));
        out.put("fee_allowance", Long.toUnsignedString(scope.getFeeAllowance()));
        return out;
    }

    /** One text line of a session: status, expiry and what remains. */
    static String line(Session session) {
        return String.format("%-44s %-7s key %s  expires %s  remaining %s lamports, %s tx", session.getSession(),
                status(session.getStatus()), session.getSessionKey(), isoTime(session.getExpiresAtMs()),
                session.hasRemainingLamports() ? Long.toUnsignedString(session.getRemainingLamports()) : "unlimited",
                session.hasRemainingTx() ? Long.toUnsignedString(session.getRemainingTx()) : "unlimited");
    }

    /** One text line of an event. */
    static String line(SessionEvent event) {
        StringBuilder text = new StringBuilder(String.format("#%-4s height %-6s %-13s %s",
                Long.toUnsignedString(event.getSequence()), Long.toUnsignedString(event.getHeight()),
                kind(event.getKind()), event.getSession()));
        if (event.getKind() == SessionEventKind.SESSION_EVENT_KIND_USED
                || event.getKind() == SessionEventKind.SESSION_EVENT_KIND_FEE_SPONSORED) {
            text.append("  ").append(Long.toUnsignedString(event.getLamports())).append(" lamports via ")
                    .append(event.getProgram());
        }
        if (!event.getSignature().isEmpty()) {
            text.append("  tx ").append(event.getSignature());
        }
        return text.toString();
    }

    static String isoTime(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    static String status(SessionStatus status) {
        return wireName(status.name(), "SESSION_STATUS_", status == SessionStatus.UNRECOGNIZED);
    }

    static String kind(SessionEventKind kind) {
        return wireName(kind.name(), "SESSION_EVENT_KIND_", kind == SessionEventKind.UNRECOGNIZED);
    }

    private static String wireName(String name, String prefix, boolean unrecognized) {
        if (unrecognized || !name.startsWith(prefix)) {
            return "unknown";
        }
        return name.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }
}
