package network.mira.settlement.bft.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.ValidatorSchedule;
import network.mira.settlement.staking.EpochOutcome;
import network.mira.settlement.staking.EpochTransition;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.Slashing;
import network.mira.settlement.staking.StakingOperations;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingResult;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorRecord;
import network.mira.settlement.staking.ValidatorStatus;

/**
 * The staking rules driven by the simulated chain, as the node will drive them: every finalized
 * block records who signed it (downtime), the double-sign evidence it carries slashes and
 * tombstones, and the epoch transition runs one block before the boundary; its set decides the
 * next epoch from its first height on. Validators are identified by their consensus keys
 * (identity and consensus key are the same in the simulator). An operator unjails a validator
 * that is up as soon as its jail is over.
 */
final class SimStaking implements ValidatorSchedule {
    private final StakingParameters parameters;
    /** The set deciding each epoch, from the transition run on the epoch's predecessor's last block. */
    private final TreeMap<Long, ValidatorSet> sets = new TreeMap<>();
    private final TreeMap<PublicKey, Long> signedThisEpoch = new TreeMap<>();
    private final Set<PublicKey> everSlashed = new TreeSet<>();
    private final Set<PublicKey> everJailed = new TreeSet<>();
    private StakingState state;
    private long processedHeight;

    SimStaking(StakingParameters parameters, ValidatorSet genesisSet) {
        this.parameters = parameters;
        List<GenesisValidator> validators = new ArrayList<>();
        long supply = 0;
        for (Validator validator : genesisSet.validators()) {
            // The self-bond account address only has to be distinct and deterministic.
            PublicKey selfBond = PublicKey.wrap(Hash.sha256(validator.key().bytes(), new byte[] {1}).bytes());
            validators.add(new GenesisValidator(validator.key(), validator.key(), 0, selfBond, validator.stake()));
            supply += validator.stake();
        }
        this.state = StakingState.genesis(parameters, supply, validators);
        sets.put(0L, state.validatorSet().orElseThrow());
    }

    @Override
    public ValidatorSet at(long height) {
        return sets.floorEntry(parameters.epochOf(height)).getValue();
    }

    /** The next finalized block, in height order; heights already applied are ignored. */
    void onFinalized(BlockHeader block, CommitCertificate certificate, List<DuplicateVoteEvidence> evidence) {
        long height = block.height();
        if (height <= processedHeight) {
            return;
        }
        if (height != processedHeight + 1) {
            throw new IllegalStateException("staking saw height " + height + " after " + processedHeight);
        }
        processedHeight = height;
        Set<PublicKey> signers = new TreeSet<>();
        for (CommitSignature signature : certificate.signatures()) {
            signers.add(signature.validator());
        }
        for (PublicKey signer : signers) {
            signedThisEpoch.merge(signer, 1L, Long::sum);
        }
        state = applied(Slashing.recordBlockSignatures(state, height, signers));
        for (DuplicateVoteEvidence item : evidence) {
            PublicKey offender = item.first().validator();
            StakingResult result = Slashing.slashDoubleSign(state, offender, item.first().height(), item.hash());
            if (result instanceof StakingResult.Applied applied) {
                state = applied.state();
                everSlashed.add(offender);
            }
        }
        for (ValidatorRecord validator : state.validators().values()) {
            if (validator.status() == ValidatorStatus.JAILED) {
                everJailed.add(validator.identity());
            }
        }
        // A core enters the next height in the same step in which it finalizes this one, before the
        // harness sees the block; so the set of the next epoch is settled one block early, with the
        // epoch's second-to-last block. (The node settles it while executing the epoch's last block.)
        long nextEpoch = parameters.epochOf(height + 2);
        if (nextEpoch > state.epoch()) {
            // Counted per ending epoch's member (identity = consensus key here); a block signed by the
            // previous epoch's set near the boundary may name keys that are no longer members.
            TreeMap<PublicKey, Long> signed = new TreeMap<>();
            for (PublicKey member : state.currentSnapshot().members().keySet()) {
                signed.put(member, Math.min(parameters.epochBlocks(), signedThisEpoch.getOrDefault(member, 0L)));
            }
            EpochOutcome outcome = EpochTransition.apply(state, nextEpoch, 0, signed);
            state = outcome.state();
            signedThisEpoch.clear();
            // An empty set would halt the chain; the simulator keeps the previous one rather than stop.
            sets.put(nextEpoch, outcome.validatorSet().orElse(at(height)));
        }
    }

    /** The operator's unjail transaction, once the jail term is over; refusals change nothing. */
    void unjailIfDue(PublicKey identity) {
        ValidatorRecord validator = state.validators().get(identity);
        if (validator != null && validator.status() == ValidatorStatus.JAILED) {
            StakingResult result = StakingOperations.unjail(state, identity, processedHeight);
            if (result instanceof StakingResult.Applied applied) {
                state = applied.state();
            }
        }
    }

    private StakingState applied(StakingResult result) {
        if (result instanceof StakingResult.Applied applied) {
            return applied.state();
        }
        throw new IllegalStateException("staking refused a finalized block's record: " + result);
    }

    StakingState state() {
        return state;
    }

    int validatorsSlashed() {
        return everSlashed.size();
    }

    int validatorsJailed() {
        return everJailed.size();
    }
}
