package network.mira.rpc.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.RequestRecord;

/**
 * The verification program's accounts in finalized state, decoded; each method is one
 * {@link FinalizedRead}, so what it returns belongs to the one height it names.
 */
final class LedgerVerification {
    private final Ledger ledger;

    LedgerVerification(Ledger ledger) {
        this.ledger = ledger;
    }

    FinalizedRead<Optional<RequestRecord>> request(PublicKey address) {
        return FinalizedRead.of(ledger, () -> VerificationAccounts.request(ledger, address));
    }

    FinalizedRead<Optional<AttestorStats>> stats(PublicKey identity) {
        return FinalizedRead.of(ledger, () -> VerificationAccounts.stats(ledger, identity));
    }

    /** The record of every validator of the stake state that has one, by identity. */
    FinalizedRead<Map<PublicKey, AttestorStats>> allStats() {
        return FinalizedRead.of(ledger, () -> {
            Map<PublicKey, AttestorStats> all = new TreeMap<>();
            for (PublicKey identity : validators()) {
                // A registered validator without a record yet shows zeros: an operator sees every validator.
                all.put(identity, VerificationAccounts.stats(ledger, identity).orElse(AttestorStats.NONE));
            }
            return all;
        });
    }

    private Iterable<PublicKey> validators() {
        Optional<Account> account = ledger.get(StakeProgram.STATE_ACCOUNT);
        if (account.isEmpty() || account.get().isEmpty()) {
            return List.of();
        }
        try {
            return StakingStateCodec.decode(account.get().data()).validators().keySet();
        } catch (DecodeException e) {
            // Consensus only ever writes states that decode: this is a corrupt data dir or a bug.
            throw new LedgerException("stake state account " + StakeProgram.STATE_ACCOUNT + " does not decode: "
                    + e.getMessage());
        }
    }
}
