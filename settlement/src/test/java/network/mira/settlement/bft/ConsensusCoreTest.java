package network.mira.settlement.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CertificateVerifier;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.settlement.bft.sim.SimSignatures;
import network.mira.settlement.bft.sim.SimSigner;
import network.mira.settlement.signer.ConsensusSigner;
import network.mira.settlement.signer.DoubleSignRefusedException;
import org.junit.jupiter.api.Test;

class ConsensusCoreTest {
    private static final String CHAIN = "test-chain";
    private static final Hash GENESIS = Hash.sha256(new byte[] {9});
    private static final Hash GENESIS_ROOT = Hash.sha256(new byte[] {8});
    private final SimSignatures signatures = new SimSignatures(true);
    private final List<KeyPair> keys = new ArrayList<>();

    private ValidatorSet validators(int n) {
        List<Validator> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(KeyPair.fromSeed(Hash.sha256(new byte[] {(byte) i}).bytes()));
            members.add(new Validator(keys.get(i).publicKey(), 10));
        }
        return new ValidatorSet(members);
    }

    private static BlockHeader block(long height, Hash parent, Hash parentRoot, PublicKey proposer, ValidatorSet set) {
        Hash payload = Hash.sha256(parent.bytes());
        return new BlockHeader(BlockHeader.VERSION, height, parent, Hash.sha256(parentRoot.bytes(), payload.bytes()),
                payload, height, proposer, set.hash(), 0);
    }

    private ConsensusCore core(ValidatorSet set, ConsensusSigner signer) {
        BlockBuilder builder = (height, parent, root, proposer) -> block(height, parent, root, proposer, set);
        return new ConsensusCore(new ConsensusContext(CHAIN, set, Settings.defaults(), signer, builder, signatures),
                1, GENESIS, GENESIS_ROOT, null);
    }

    private static <T> List<T> only(List<ConsensusAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void loneValidatorFinalizesWithAVerifiableCertificateAndPausesBetweenHeights() throws Exception {
        ValidatorSet set = validators(1);
        ConsensusCore core = core(set, new SimSigner(keys.get(0), signatures, true));
        List<ConsensusAction> actions = core.start();
        List<ConsensusAction.Finalize> finalized = only(actions, ConsensusAction.Finalize.class);
        assertThat(finalized).hasSize(1);
        new CertificateVerifier(Ed25519::verify).verify(CHAIN, finalized.get(0).block(), finalized.get(0).certificate(), set);
        assertThat(core.height()).isEqualTo(2);
        assertThat(only(actions, ConsensusAction.ScheduleTimeout.class)).last()
                .isEqualTo(new ConsensusAction.ScheduleTimeout(2, 0, TimeoutKind.COMMIT, 1000));
        List<ConsensusAction> next = core.handle(new ConsensusEvent.TimeoutFired(2, 0, TimeoutKind.COMMIT));
        assertThat(only(next, ConsensusAction.Finalize.class)).singleElement()
                .satisfies(f -> assertThat(f.block().parentHash()).isEqualTo(finalized.get(0).block().hash()));
    }

    /** Our node is not the proposer of (1, 0); it receives the proposal from the one who is. */
    private ConsensusCore nonProposer(ValidatorSet set, ConsensusSigner[] signerOut) {
        PublicKey proposer = new ProposerSelection(set).proposer(1, 0);
        int self = keys.get(0).publicKey().equals(proposer) ? 1 : 0;
        signerOut[0] = new SimSigner(keys.get(self), signatures, true);
        return core(set, signerOut[0]);
    }

    private Proposal proposal(ValidatorSet set, Hash stateRootOverride) {
        PublicKey proposer = new ProposerSelection(set).proposer(1, 0);
        KeyPair key = keys.stream().filter(k -> k.publicKey().equals(proposer)).findFirst().orElseThrow();
        BlockHeader block = block(1, GENESIS, GENESIS_ROOT, proposer, set);
        if (stateRootOverride != null) {
            block = new BlockHeader(block.version(), 1, GENESIS, stateRootOverride, block.transactionsRoot(), 1,
                    proposer, set.hash(), 0);
        }
        return new Proposal(1, 0, -1, block, proposer, key.sign(Proposal.signBytes(CHAIN, 1, 0, block)));
    }

    @Test
    void executesBeforePrevotingAndPrevotesTheBlockWhenRootsMatch() {
        ValidatorSet set = validators(4);
        ConsensusCore core = nonProposer(set, new ConsensusSigner[1]);
        core.start();
        Proposal proposal = proposal(set, null);
        assertThat(new ProposalValidator(CHAIN, set, signatures).validate(proposal)).isEmpty();
        List<ConsensusAction> actions = core.handle(new ConsensusEvent.ProposalReceived(proposal));
        assertThat(only(actions, ConsensusAction.ExecuteBlock.class)).singleElement();
        assertThat(only(actions, ConsensusAction.BroadcastVote.class)).isEmpty();
        actions = core.handle(new ConsensusEvent.BlockExecuted(proposal.block().hash(), proposal.block().stateRoot(), true));
        Vote prevote = only(actions, ConsensusAction.BroadcastVote.class).get(0).vote();
        assertThat(prevote.step()).isEqualTo(VoteStep.PREVOTE);
        assertThat(prevote.blockHash()).isEqualTo(proposal.block().hash());
        assertThat(new VoteValidator(CHAIN, set, signatures).validate(prevote)).isEmpty();
        assertThat(core.divergence()).isFalse();
    }

    @Test
    void divergentExecutionPrevotesNilAndRaisesTheAlarm() {
        ValidatorSet set = validators(4);
        ConsensusCore core = nonProposer(set, new ConsensusSigner[1]);
        core.start();
        Proposal proposal = proposal(set, null);
        core.handle(new ConsensusEvent.ProposalReceived(proposal));
        List<ConsensusAction> actions = core.handle(new ConsensusEvent.BlockExecuted(proposal.block().hash(),
                Hash.sha256(new byte[] {42}), true));
        Vote prevote = only(actions, ConsensusAction.BroadcastVote.class).get(0).vote();
        assertThat(prevote.isNil()).isTrue();
        assertThat(core.divergence()).isTrue();
    }

    @Test
    void proposeTimeoutPrevotesNil() {
        ValidatorSet set = validators(4);
        ConsensusCore core = nonProposer(set, new ConsensusSigner[1]);
        assertThat(only(core.start(), ConsensusAction.ScheduleTimeout.class)).singleElement()
                .isEqualTo(new ConsensusAction.ScheduleTimeout(1, 0, TimeoutKind.PROPOSE, 3000));
        List<ConsensusAction> actions = core.handle(new ConsensusEvent.TimeoutFired(1, 0, TimeoutKind.PROPOSE));
        assertThat(only(actions, ConsensusAction.BroadcastVote.class).get(0).vote().isNil()).isTrue();
        // a stale timeout of another round does nothing
        assertThat(core.handle(new ConsensusEvent.TimeoutFired(1, 3, TimeoutKind.PREVOTE))).isEmpty();
    }

    @Test
    void restartedCoreWithTheFileGuardNeverSendsAConflictingVote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ValidatorSet set = validators(4);
        PublicKey proposer = new ProposerSelection(set).proposer(1, 0);
        KeyPair self = keys.get(keys.get(0).publicKey().equals(proposer) ? 1 : 0);
        java.nio.file.Path stateFile = dir.resolve("last-sign.bin");
        ConsensusCore before = core(set, network.mira.settlement.signer.GuardedSigner.open(self, stateFile));
        before.start();
        Proposal proposal = proposal(set, null);
        before.handle(new ConsensusEvent.ProposalReceived(proposal));
        List<ConsensusAction> actions = before.handle(new ConsensusEvent.BlockExecuted(proposal.block().hash(),
                proposal.block().stateRoot(), true));
        assertThat(only(actions, ConsensusAction.BroadcastVote.class)).singleElement()
                .satisfies(v -> assertThat(v.vote().isNil()).isFalse());

        // crash: the core's memory is gone, the signer's file is not
        ConsensusCore after = core(set, network.mira.settlement.signer.GuardedSigner.open(self, stateFile));
        assertThat(after.start()).noneMatch(a -> a instanceof ConsensusAction.BroadcastVote);
        actions = after.handle(new ConsensusEvent.TimeoutFired(1, 0, TimeoutKind.PROPOSE)); // would prevote nil
        assertThat(only(actions, ConsensusAction.BroadcastVote.class)).isEmpty();
        assertThat(after.refusedSignatures()).isEqualTo(1);
    }

    @Test
    void timeoutsGrowLinearlyWithTheRound() {
        Settings settings = Settings.defaults();
        assertThat(settings.timeoutMs(TimeoutKind.PROPOSE, 0)).isEqualTo(3000);
        assertThat(settings.timeoutMs(TimeoutKind.PROPOSE, 4)).isEqualTo(5000);
        assertThat(settings.timeoutMs(TimeoutKind.PRECOMMIT, 2)).isEqualTo(2000);
    }

    @Test
    void aRefusedSignatureIsNeverSent() {
        ValidatorSet set = validators(1);
        ConsensusSigner refusing = new ConsensusSigner() {
            @Override
            public PublicKey publicKey() {
                return keys.get(0).publicKey();
            }

            @Override
            public Signature sign(long height, int round, VoteStep step, byte[] signBytes)
                    throws DoubleSignRefusedException {
                throw new DoubleSignRefusedException("no");
            }

            @Override
            public Optional<LastSigned> lastSigned() {
                return Optional.empty();
            }
        };
        ConsensusCore core = core(set, refusing);
        List<ConsensusAction> actions = new ArrayList<>(core.start());
        actions.addAll(core.handle(new ConsensusEvent.TimeoutFired(1, 0, TimeoutKind.PROPOSE)));
        assertThat(only(actions, ConsensusAction.BroadcastProposal.class)).isEmpty();
        assertThat(only(actions, ConsensusAction.BroadcastVote.class)).isEmpty();
        assertThat(core.refusedSignatures()).isGreaterThanOrEqualTo(2);
    }
}
