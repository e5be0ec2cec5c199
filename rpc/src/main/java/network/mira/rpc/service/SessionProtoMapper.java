package network.mira.rpc.service;

import java.util.Arrays;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.Session;
import network.mira.rpc.v1.SessionEventKind;
import network.mira.rpc.v1.SessionProgramScope;
import network.mira.rpc.v1.SessionScope;
import network.mira.rpc.v1.SessionStatus;
import network.mira.sessions.program.SessionEvent;
import network.mira.sessions.program.SessionRecord;
import network.mira.sessions.scope.ProgramScope;

/** Session records and events to their mira.v1 messages; "no limit" becomes an absent field. */
final class SessionProtoMapper {
    private SessionProtoMapper() {}

    /**
     * Revoked wins over expired: a revoked session can never act again, whatever the time. A revocation
     * at the head's own height already counts, since no later block accepts the session.
     */
    static SessionStatus status(SessionRecord record, long headTimeMs) {
        if (record.isRevoked()) {
            return SessionStatus.SESSION_STATUS_REVOKED;
        }
        return headTimeMs >= record.expiresAtMs() ? SessionStatus.SESSION_STATUS_EXPIRED
                : SessionStatus.SESSION_STATUS_ACTIVE;
    }

    static Session session(PublicKey address, SessionRecord record, long headTimeMs) {
        SessionRecord.Remaining remaining = record.remaining();
        Session.Builder out = Session.newBuilder()
                .setSession(address.toBase58())
                .setOwner(record.owner().toBase58())
                .setSessionKey(record.sessionKey().toBase58())
                .setDomain(record.domain())
                .setExpiresAtMs(record.expiresAtMs())
                .setStatus(status(record, headTimeMs))
                .setRemainingMs(Math.max(0, record.expiresAtMs() - headTimeMs))
                .setSpent(record.spent())
                .setTransactions(record.transactions())
                .setFeesSponsored(record.feesSponsored())
                .setScope(scope(record.scope()))
                .setCreatedHeight(record.createdHeight())
                .setNonce(record.nonce());
        if (remaining.lamports() >= 0) {
            out.setRemainingLamports(remaining.lamports());
        }
        if (remaining.transactions() >= 0) {
            out.setRemainingTx(remaining.transactions());
        }
        if (record.isRevoked()) {
            out.setRevokedAtHeight(record.revokedAtHeight());
        }
        return out.build();
    }

    static SessionScope scope(network.mira.sessions.scope.SessionScope scope) {
        SessionScope.Builder out = SessionScope.newBuilder().setFeeAllowance(scope.feeAllowance());
        scope.programs().ifPresent(programs -> programs.forEach(program -> out.addPrograms(program(program))));
        scope.spendLimit().ifPresent(out::setSpendLimit);
        scope.perTransactionLimit().ifPresent(out::setPerTxLimit);
        scope.maxTransactions().ifPresent(out::setMaxTx);
        scope.recipients().ifPresent(recipients -> recipients.forEach(key -> out.addRecipients(key.toBase58())));
        return out.build();
    }

    private static SessionProgramScope program(ProgramScope program) {
        SessionProgramScope.Builder out = SessionProgramScope.newBuilder().setProgram(program.program().toBase58());
        program.discriminators().ifPresent(out::addAllDiscriminators);
        return out.build();
    }

    static network.mira.rpc.v1.SessionEvent event(SessionHistoryPage.Numbered numbered) {
        SessionEvent event = numbered.event();
        network.mira.rpc.v1.SessionEvent.Builder out = network.mira.rpc.v1.SessionEvent.newBuilder()
                .setSequence(numbered.sequence())
                .setKind(kind(event.kind()))
                .setSession(event.session().toBase58())
                .setHeight(event.height())
                .setLamports(event.lamports());
        if (!isZero(event.transaction().bytes())) {
            out.setSignature(event.transaction().toBase58());
        }
        // The book writes the zero key for "no program", which is also the System program's id: only a
        // use or a sponsored fee names a program.
        if (event.kind() == SessionEvent.Kind.USED || event.kind() == SessionEvent.Kind.FEE_SPONSORED) {
            out.setProgram(event.program().toBase58());
        }
        return out.build();
    }

    static SessionEventKind kind(SessionEvent.Kind kind) {
        return switch (kind) {
            case CREATED -> SessionEventKind.SESSION_EVENT_KIND_CREATED;
            case USED -> SessionEventKind.SESSION_EVENT_KIND_USED;
            case FEE_SPONSORED -> SessionEventKind.SESSION_EVENT_KIND_FEE_SPONSORED;
            case REVOKED -> SessionEventKind.SESSION_EVENT_KIND_REVOKED;
            case EXPIRED -> SessionEventKind.SESSION_EVENT_KIND_EXPIRED;
        };
    }

    /** The book writes all-zero bytes for "no transaction". */
    private static boolean isZero(byte[] bytes) {
        return Arrays.equals(bytes, new byte[bytes.length]);
    }
}
