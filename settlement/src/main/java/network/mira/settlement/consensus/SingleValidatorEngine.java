package network.mira.settlement.consensus;

import java.util.ArrayList;
import java.util.List;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.InvalidCertificateException;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Signature;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.mempool.Mempool;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BuiltBlock;
import network.mira.settlement.signer.ConsensusSigner;
import network.mira.settlement.signer.DoubleSignRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consensus for a chain with one validator: it proposes, precommits through the guarded signer and
 * finalizes with a certificate that is checked by the same rule every other node and light client
 * uses. Blocks come every {@code blockIntervalMs} while transactions wait, and at the slower
 * heartbeat otherwise.
 */
public final class SingleValidatorEngine implements ConsensusEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SingleValidatorEngine.class);

    /**
     * Timing and size knobs, from the node configuration.
     *
     * @param candidateWindow how many mempool transactions (oldest first) packing may choose from
     */
    public record Settings(long blockIntervalMs, long emptyBlockIntervalMs, int candidateWindow) {}

    private final Ledger ledger;
    private final Mempool mempool;
    private final BlockBuilder builder;
    private final ConsensusSigner signer;
    private final CertificateVerifier certificates;
    private final ChainParameters parameters;
    private final Settings settings;
    private final List<FinalizationListener> listeners;
    private final List<BlockProductionListener> producers;
    private long lastBlockAtMs = Long.MIN_VALUE;

    public SingleValidatorEngine(Ledger ledger, Mempool mempool, BlockBuilder builder, ConsensusSigner signer,
                                 CertificateVerifier certificates, ChainParameters parameters, Settings settings,
                                 List<FinalizationListener> listeners, List<BlockProductionListener> producers) {
        if (parameters.validators().size() != 1 || !parameters.validators().contains(signer.publicKey())) {
            throw new IllegalArgumentException("the single-validator engine needs a set of exactly this node's key "
                    + signer.publicKey());
        }
        this.ledger = ledger;
        this.mempool = mempool;
        this.builder = builder;
        this.signer = signer;
        this.certificates = certificates;
        this.parameters = parameters;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.producers = List.copyOf(producers);
    }

    @Override
    public long finalizedHeight() {
        return ledger.finalizedHeight();
    }

    @Override
    public void onTick(long nowMs) {
        if (!isDue(nowMs)) {
            return;
        }
        long started = System.nanoTime();
        BuiltBlock built = builder.build(mempool.peek(settings.candidateWindow()), nowMs, signer.publicKey());
        mempool.removeAll(built.dropped());
        for (BlockProductionListener producer : producers) {
            notifySafely(() -> producer.onProduced(built), producer, built.block().height());
        }
        CommitCertificate certificate;
        try {
            certificate = certify(built);
        } catch (DoubleSignRefusedException e) {
            LOG.error("signer refused to sign block {}: {}", built.block().height(), e.getMessage());
            lastBlockAtMs = nowMs;
            return;
        }
        FinalizedBlock finalized = finalizedBlock(built, certificate);
        ledger.commit(finalized, built.state());
        lastBlockAtMs = nowMs;
        mempool.removeAll(built.results().stream().map(r -> r.signature()).toList());
        long elapsed = System.nanoTime() - started;
        notifyListeners(finalized, elapsed);
    }

    private void notifyListeners(FinalizedBlock finalized, long elapsedNanos) {
        for (FinalizationListener listener : listeners) {
            notifySafely(() -> listener.onFinalized(finalized, elapsedNanos), listener, finalized.block().height());
        }
    }

    /** Observers only observe: one that fails must not stop block production. */
    private static void notifySafely(Runnable notification, Object observer, long height) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.error("observer {} failed on block {}: {}", observer, height, e.toString(), e);
        }
    }

    private boolean isDue(long nowMs) {
        if (lastBlockAtMs == Long.MIN_VALUE) {
            return true;
        }
        long since = nowMs - lastBlockAtMs;
        return since >= settings.emptyBlockIntervalMs() || (!mempool.isEmpty() && since >= settings.blockIntervalMs());
    }

    /**
     * Signs the precommit and checks the resulting certificate with the light-client rule, so a
     * key mismatch or a broken quorum computation stops here instead of reaching disk.
     */
    private CommitCertificate certify(BuiltBlock built) throws DoubleSignRefusedException {
        long height = built.block().height();
        int round = signer.lastSigned().filter(last -> last.height() == height).map(last -> last.round() + 1).orElse(0);
        CommitCertificate unsigned = new CommitCertificate(height, round, built.block().hash(),
                built.state().stateRoot(), List.of());
        Signature signature = signer.sign(height, round, VoteStep.PRECOMMIT, unsigned.signBytes(parameters.chainId()));
        CommitCertificate certificate = new CommitCertificate(height, round, unsigned.blockHash(),
                unsigned.stateRoot(), List.of(new CommitSignature(signer.publicKey(), signature)));
        try {
            certificates.verify(parameters.chainId(), built.block().header(), certificate, parameters.validators());
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException("own certificate for block " + height + " is invalid: " + e.getMessage(), e);
        }
        return certificate;
    }

    private static FinalizedBlock finalizedBlock(BuiltBlock built, CommitCertificate certificate) {
        List<TransactionStatus> statuses = new ArrayList<>(built.results().size());
        for (int i = 0; i < built.results().size(); i++) {
            statuses.add(TransactionStatus.of(built.results().get(i), built.block().height(), i));
        }
        return new FinalizedBlock(built.block(), certificate, built.state().changedAccounts(), statuses,
                built.accountKeys());
    }
}
