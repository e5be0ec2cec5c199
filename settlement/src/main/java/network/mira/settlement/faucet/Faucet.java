package network.mira.settlement.faucet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.AdmissionResult;
import network.mira.settlement.mempool.Mempool;
import network.mira.svm.program.system.SystemProgram;

/**
 * The devnet faucet: a system transfer from the genesis faucet account, signed with the faucet key
 * the node holds, submitted through the same admission as any client transaction. Each address
 * may ask once per cooldown; the memory of recent requesters is bounded.
 */
public final class Faucet {
    private static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final Optional<KeyPair> key;
    private final Ledger ledger;
    private final Mempool mempool;
    private final long maxLamportsPerRequest;
    private final long cooldownMs;
    private final LongSupplier clockMs;
    private final LinkedHashMap<PublicKey, Long> lastRequestMs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, Long> eldest) {
            return size() > MAX_TRACKED_ADDRESSES;
        }
    };

    /** @param key the faucet key, empty when the genesis has no faucet or this node does not hold its key */
    public Faucet(Optional<KeyPair> key, Ledger ledger, Mempool mempool, long maxLamportsPerRequest, long cooldownMs,
                  LongSupplier clockMs) {
        this.key = key;
        this.ledger = ledger;
        this.mempool = mempool;
        this.maxLamportsPerRequest = maxLamportsPerRequest;
        this.cooldownMs = cooldownMs;
        this.clockMs = clockMs;
    }

    public boolean enabled() {
        return key.isPresent();
    }

    /**
     * Synchronized so that one address cannot slip two requests through the cooldown check; the
     * cooldown starts only when the transfer was admitted.
     */
    public synchronized Signature airdrop(PublicKey to, long lamports) throws FaucetRefusedException {
        KeyPair faucet = key.orElseThrow(() -> new FaucetRefusedException(FaucetRefusedException.Reason.DISABLED,
                "this chain has no faucet, or this node does not hold the faucet key"));
        if (lamports <= 0 || lamports > maxLamportsPerRequest) {
            throw new FaucetRefusedException(FaucetRefusedException.Reason.AMOUNT_INVALID,
                    "lamports must be between 1 and " + maxLamportsPerRequest + ", got " + Long.toUnsignedString(lamports));
        }
        long now = clockMs.getAsLong();
        Long last = lastRequestMs.get(to);
        if (last != null && now - last < cooldownMs) {
            throw new FaucetRefusedException(FaucetRefusedException.Reason.RATE_LIMITED,
                    "address " + to + " may ask again in " + (cooldownMs - (now - last)) + " ms");
        }
        Transaction transfer = Transaction.sign(
                MessageCompiler.compileLegacy(faucet.publicKey(),
                        List.of(SystemProgram.transfer(faucet.publicKey(), to, lamports)), ledger.headHeader().hash()),
                List.of(faucet));
        AdmissionResult result = mempool.submit(transfer.serialize());
        if (!result.isAccepted()) {
            throw new FaucetRefusedException(FaucetRefusedException.Reason.REFUSED_BY_MEMPOOL, result.reason(),
                    result.reason().orElseThrow() + ": " + result.message());
        }
        lastRequestMs.remove(to);
        lastRequestMs.put(to, now);
        return transfer.id();
    }
}
