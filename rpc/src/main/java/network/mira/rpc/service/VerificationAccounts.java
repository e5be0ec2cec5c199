package network.mira.rpc.service;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.ledger.LedgerException;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AddressList;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationProgram;

/**
 * Which accounts are what in the verification program. The program also owns drafts, deadline buckets,
 * queues and attestor records, so an account is a request only if the program owns it, its data decodes
 * as a {@link RequestRecord} and it sits at the address that record's requester and nonce derive. The
 * program's singletons (stats, the results ring) always decode when it wrote them; one that does not is
 * a corrupt data dir or a bug: {@link LedgerException}.
 */
public final class VerificationAccounts {
    private VerificationAccounts() {}

    /** The request at {@code address} in {@code state}, if there is one. */
    public static Optional<RequestRecord> request(AccountReader state, PublicKey address) {
        return state.get(address).flatMap(account -> request(address, account));
    }

    /** {@code account}, stored at {@code address}, as a request, if it is one. */
    public static Optional<RequestRecord> request(PublicKey address, Account account) {
        if (!account.owner().equals(VerificationProgram.ID) || account.dataLength() == 0) {
            return Optional.empty();
        }
        RequestRecord record;
        try {
            record = RequestRecord.decode(account.data());
        } catch (DecodeException notARequest) {
            return Optional.empty();
        }
        return VerificationProgram.requestAddress(record.requester(), record.nonce()).equals(address)
                ? Optional.of(record) : Optional.empty();
    }

    /** A validator's record as a verifier; empty when the program never wrote one. */
    public static Optional<AttestorStats> stats(AccountReader state, PublicKey identity) {
        PublicKey address = VerificationProgram.attestorStats(identity);
        return state.get(address).flatMap(account -> stats(identity, account));
    }

    /** {@code account}, the stats account of {@code identity}, decoded; empty when it is not the program's. */
    public static Optional<AttestorStats> stats(PublicKey identity, Account account) {
        if (!account.owner().equals(VerificationProgram.ID) || account.dataLength() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(AttestorStats.decode(account.data()));
        } catch (DecodeException e) {
            throw new LedgerException("the attestor stats of " + identity + " at "
                    + VerificationProgram.attestorStats(identity) + " do not decode: " + e.getMessage(), e);
        }
    }

    /** The ring of recently settled requests; empty when the program has not written it yet. */
    public static AddressList recentResults(Account account) {
        if (!account.owner().equals(VerificationProgram.ID)) {
            return AddressList.empty();
        }
        try {
            return AddressList.decode(account.data());
        } catch (DecodeException e) {
            throw new LedgerException("the recent results " + VerificationProgram.RECENT_RESULTS
                    + " do not decode: " + e.getMessage(), e);
        }
    }
}
