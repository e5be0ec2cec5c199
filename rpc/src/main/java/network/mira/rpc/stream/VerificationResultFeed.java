package network.mira.rpc.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.service.VerificationAccounts;
import network.mira.rpc.service.VerificationProtoMapper;
import network.mira.rpc.v1.VerificationResult;
import network.mira.settlement.consensus.FinalizationListener;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.LedgerException;
import network.mira.svm.AccountReader;
import network.mira.verification.program.AddressList;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationProgram;

/**
 * The requests each finalized block settled, for StreamResults. The program appends every request it
 * resolves or cancels to {@link VerificationProgram#RECENT_RESULTS} with the block's height, so a block
 * that settled any rewrote that ring: its entries at the block's height are the new results, and their
 * request accounts were rewritten by the same block (read from the changed accounts; from state only as
 * a fallback). Runs on the consensus thread: decodes and enqueues only.
 */
public final class VerificationResultFeed implements FinalizationListener {
    private final StreamFanOut<VerificationResult> streams;
    private final AccountReader state;

    /** @param state finalized state, read only if a settled request is not among the changed accounts */
    public VerificationResultFeed(StreamFanOut<VerificationResult> streams, AccountReader state) {
        this.streams = streams;
        this.state = state;
    }

    @Override
    public void onFinalized(FinalizedBlock finalized, long executionNanos) {
        Map<PublicKey, Account> changed = finalized.changedAccounts();
        Account ring = changed.get(VerificationProgram.RECENT_RESULTS);
        if (ring == null || ring.isEmpty()) {
            return;
        }
        long height = finalized.block().height();
        List<VerificationResult> results = new ArrayList<>();
        for (AddressList.Entry entry : VerificationAccounts.recentResults(ring).entries()) {
            if (entry.height() != height) {
                continue;
            }
            PublicKey address = entry.request();
            Optional<RequestRecord> record = Optional.ofNullable(changed.get(address))
                    .flatMap(account -> VerificationAccounts.request(address, account))
                    .or(() -> VerificationAccounts.request(state, address));
            if (record.isEmpty()) {
                throw new LedgerException("the recent results at height " + height + " name " + address
                        + ", which is not a request account");
            }
            results.add(VerificationResult.newBuilder()
                    .setRequest(VerificationProtoMapper.request(address, record.get(), height))
                    .setHeight(height).build());
        }
        streams.publish(results);
    }
}
