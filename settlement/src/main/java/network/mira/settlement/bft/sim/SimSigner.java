package network.mira.settlement.bft.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.signer.ConsensusSigner;
import network.mira.settlement.signer.DoubleSignRefusedException;

/**
 * In-memory signer with {@code GuardedSigner}'s refusal rules (no regression of (height, round,
 * step); the same bytes again get the same signature). It survives a simulated crash, as the
 * fsynced file does. {@code guarded = false} gives the byzantine signer that signs anything. Every
 * signature is logged for the checker.
 */
public final class SimSigner implements ConsensusSigner {
    public record Signed(long height, int round, VoteStep step, byte[] signBytes) {}

    private final KeyPair key;
    private final SimSignatures signatures;
    private final boolean guarded;
    private final List<Signed> log = new ArrayList<>();
    private Signed last;
    private Signature lastSignature;

    public SimSigner(KeyPair key, SimSignatures signatures, boolean guarded) {
        this.key = key;
        this.signatures = signatures;
        this.guarded = guarded;
    }

    @Override
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public Optional<LastSigned> lastSigned() {
        return last == null ? Optional.empty() : Optional.of(new LastSigned(last.height(), last.round(), last.step()));
    }

    @Override
    public Signature sign(long height, int round, VoteStep step, byte[] signBytes) throws DoubleSignRefusedException {
        if (guarded && last != null) {
            int order = compare(height, round, step);
            if (order < 0) {
                throw new DoubleSignRefusedException("regression to " + height + "/" + round + "/" + step);
            }
            if (order == 0) {
                if (Arrays.equals(signBytes, last.signBytes())) {
                    return lastSignature;
                }
                throw new DoubleSignRefusedException("different bytes at " + height + "/" + round + "/" + step);
            }
        }
        return signUnguarded(height, round, step, signBytes);
    }

    /** What a byzantine validator does: sign without asking. */
    public Signature signUnguarded(long height, int round, VoteStep step, byte[] signBytes) {
        Signature signature = signatures.sign(key, signBytes);
        Signed signed = new Signed(height, round, step, signBytes.clone());
        log.add(signed);
        if (last == null || compare(height, round, step) > 0) {
            last = signed;
            lastSignature = signature;
        }
        return signature;
    }

    public List<Signed> log() {
        return log;
    }

    private int compare(long height, int round, VoteStep step) {
        int byHeight = Long.compare(height, last.height());
        if (byHeight != 0) {
            return byHeight;
        }
        int byRound = Integer.compare(round, last.round());
        return byRound != 0 ? byRound : Integer.compare(step.code(), last.step().code());
    }
}
