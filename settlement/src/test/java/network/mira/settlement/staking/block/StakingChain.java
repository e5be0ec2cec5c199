package network.mira.settlement.staking.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import network.mira.config.Genesis;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.store.RocksKeyValueStore;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidenceVerifier;
import network.mira.settlement.genesis.GenesisInitializer;
import network.mira.settlement.ledger.FinalizedBlock;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerValidatorSchedule;
import network.mira.settlement.ledger.TransactionStatus;
import network.mira.settlement.mempool.PendingTransaction;
import network.mira.settlement.production.BlockBuilder;
import network.mira.settlement.production.BlockReplayer;
import network.mira.settlement.production.BuiltBlock;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.StakingStateCodec;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.settlement.staking.program.StakeProgramRuntime;
import network.mira.svm.BlockHook;
import network.mira.svm.ProgramRegistry;
import network.mira.svm.TransactionExecutor;
import network.mira.svm.parallel.SerialBlockExecutor;
import network.mira.svm.program.computebudget.ComputeBudgetProgramRuntime;
import network.mira.svm.program.system.SystemProgram;
import network.mira.svm.program.system.SystemProgramRuntime;

/**
 * A staking chain on two real ledgers: the producer builds every block (as its proposer would) and
 * commits it with a certificate signed by the validators a test chooses; the follower re-executes
 * each block with the {@link BlockReplayer} a voting validator uses (last commit verified against the
 * set of the parent's epoch) and must reach the same state root and the same validator sets.
 */
final class StakingChain implements AutoCloseable {
    static final String CHAIN_ID = "mira-staking-chain";
    static final long GENESIS_TIME_MS = 1_764_115_200_000L;
    static final long VALIDATOR_STAKE = 1_000_000;
    static final long LAMPORTS_PER_SIGNATURE = 5_000;
    static final int EPOCH_BLOCKS = 10;
    static final long ISSUANCE = 1_000_000;
    static final List<KeyPair> VALIDATORS = List.of(key(0), key(1), key(2), key(3));
    static final KeyPair STAKER = key(100);

    private final Node producer;
    private final Node follower;
    final List<DuplicateVoteEvidence> pendingEvidence = new ArrayList<>();

    StakingChain(Path dir, Map<String, Long> parameterOverrides) {
        this(dir, parameterOverrides, List.of());
    }

    /** @param hooks block hooks both nodes run (after the staking work), as a node's block hooks are run */
    StakingChain(Path dir, Map<String, Long> parameterOverrides, List<BlockHook> hooks) {
        Genesis genesis = genesis(parameterOverrides);
        producer = new Node(dir.resolve("producer"), genesis, this, hooks);
        follower = new Node(dir.resolve("follower"), genesis, this, hooks);
    }

    static KeyPair key(int seed) {
        return KeyPair.fromSeed(Hash.sha256(("staking chain " + seed).getBytes(StandardCharsets.US_ASCII)).bytes());
    }

    static Genesis genesis(Map<String, Long> overrides) {
        java.util.TreeMap<String, Long> parameters = new java.util.TreeMap<>(Map.of("epoch_blocks", (long) EPOCH_BLOCKS,
                "unbonding_epochs", 1L, "max_stake_change_bps", 10_000L, "min_self_bond", 1_000L,
                "issuance_per_epoch", ISSUANCE, "max_commission_change_bps_per_epoch", 10_000L));
        parameters.putAll(overrides);
        List<Genesis.GenesisAccount> accounts = new ArrayList<>();
        accounts.add(new Genesis.GenesisAccount(STAKER.publicKey(), 100_000_000));
        List<Genesis.GenesisValidator> validators = new ArrayList<>();
        for (KeyPair validator : VALIDATORS) {
            accounts.add(new Genesis.GenesisAccount(validator.publicKey(), 1_000_000));
            validators.add(new Genesis.GenesisValidator(validator.publicKey(), VALIDATOR_STAKE));
        }
        return new Genesis(CHAIN_ID, GENESIS_TIME_MS, LAMPORTS_PER_SIGNATURE, 150, Genesis.ComputeLimits.DEFAULTS,
                Optional.empty(), accounts, validators, parameters);
    }

    Ledger ledger() {
        return producer.ledger;
    }

    Ledger followerLedger() {
        return follower.ledger;
    }

    ChainParameters parameters() {
        return producer.parameters;
    }

    ValidatorSet setAt(long height) {
        return producer.schedule.at(height);
    }

    StakingState state() {
        return state(producer.ledger);
    }

    static StakingState state(Ledger ledger) {
        try {
            return StakingStateCodec.decode(ledger.get(StakeProgram.STATE_ACCOUNT).orElseThrow().data());
        } catch (network.mira.core.codec.DecodeException e) {
            throw new AssertionError(e);
        }
    }

    Transaction transaction(KeyPair payer, List<Instruction> instructions, List<KeyPair> signers) {
        return Transaction.sign(MessageCompiler.compileLegacy(payer.publicKey(), instructions,
                producer.ledger.headHeader().hash()), signers);
    }

    /** The next block as its proposer (the first set member not silent) builds it, not committed anywhere. */
    BuiltBlock buildNext(List<Transaction> transactions, Set<PublicKey> silent) {
        long height = producer.ledger.finalizedHeight() + 1;
        ValidatorSet set = setAt(height);
        List<PendingTransaction> candidates = new ArrayList<>();
        for (Transaction transaction : transactions) {
            candidates.add(new PendingTransaction(transaction, transaction.serialize()));
        }
        PublicKey proposer = set.validators().stream().map(v -> v.key()).filter(k -> !silent.contains(k))
                .findFirst().orElseThrow();
        return producer.builder.build(candidates, GENESIS_TIME_MS + 1_000 * height, proposer);
    }

    BuiltBlock buildNext(Set<PublicKey> silent) {
        return buildNext(List.of(), silent);
    }

    /** What the follower, a voting validator, makes of a proposed block. */
    BlockReplayer.Replay replayOnFollower(network.mira.core.block.Block block) {
        return follower.replayer.replay(block);
    }

    /** The next block with {@code transactions}, certified by every set member not in {@code silent}. */
    BuiltBlock produce(List<Transaction> transactions, Set<PublicKey> silent) {
        long height = producer.ledger.finalizedHeight() + 1;
        ValidatorSet set = setAt(height);
        BuiltBlock built = buildNext(transactions, silent);
        assertThat(built.block().transactions()).as("every transaction of block %d is included", height)
                .hasSize(transactions.size());
        CommitCertificate certificate = certificate(built, set, silent);
        producer.commit(built, certificate);

        BlockReplayer.Replay replay = follower.replayer.replay(built.block());
        assertThat(replay.refusal()).as("the follower replays block %d", height).isNull();
        assertThat(replay.built().state().stateRoot()).isEqualTo(built.state().stateRoot());
        assertThat(replay.built().nextValidatorSet()).isEqualTo(built.nextValidatorSet());
        follower.commit(replay.built(), certificate);
        return built;
    }

    BuiltBlock produceEmpty(Set<PublicKey> silent) {
        return produce(List.of(), silent);
    }

    /** Empty blocks until the head is {@code height}. */
    void produceUntil(long height, Set<PublicKey> silent) {
        while (producer.ledger.finalizedHeight() < height) {
            produceEmpty(silent);
        }
    }

    private static CommitCertificate certificate(BuiltBlock built, ValidatorSet set, Set<PublicKey> silent) {
        CommitCertificate unsigned = new CommitCertificate(built.block().height(), 0, built.block().hash(),
                built.state().stateRoot(), List.of());
        byte[] signBytes = unsigned.signBytes(CHAIN_ID);
        List<CommitSignature> signatures = new ArrayList<>();
        for (KeyPair validator : VALIDATORS) {
            if (set.contains(validator.publicKey()) && !silent.contains(validator.publicKey())) {
                signatures.add(new CommitSignature(validator.publicKey(), validator.sign(signBytes)));
            }
        }
        return new CommitCertificate(unsigned.height(), 0, unsigned.blockHash(), unsigned.stateRoot(), signatures);
    }

    /** Every lamport on the ledger, over the accounts this chain can hold. */
    long ledgerLamports(Set<PublicKey> extraAccounts) {
        Set<PublicKey> addresses = new TreeSet<>(extraAccounts);
        addresses.add(STAKER.publicKey());
        addresses.add(StakeProgram.STATE_ACCOUNT);
        addresses.add(EpochVotes.ADDRESS);
        VALIDATORS.forEach(v -> addresses.add(v.publicKey()));
        long total = 0;
        for (PublicKey address : addresses) {
            total += producer.ledger.get(address).map(a -> a.lamports()).orElse(0L);
        }
        return total;
    }

    @Override
    public void close() {
        producer.close();
        follower.close();
    }

    private static final class Node implements AutoCloseable {
        final RocksKeyValueStore store;
        final Ledger ledger;
        final ChainParameters parameters;
        final LedgerValidatorSchedule schedule;
        final BlockBuilder builder;
        final BlockReplayer replayer;

        Node(Path dir, Genesis genesis, StakingChain chain, List<BlockHook> hooks) {
            store = RocksKeyValueStore.open(dir);
            ledger = new Ledger(store);
            parameters = GenesisInitializer.openOrInitialize(ledger, genesis);
            schedule = LedgerValidatorSchedule.of(ledger, parameters);
            StakingParameters staking = parameters.staking().orElseThrow();
            SerialBlockExecutor executor = new SerialBlockExecutor(new TransactionExecutor(new ProgramRegistry(
                    List.of(new SystemProgramRuntime(), new ComputeBudgetProgramRuntime(),
                            new StakeProgramRuntime(staking))), SystemProgram.ID));
            EvidenceVerifier verifier = EvidenceVerifier.forChain(parameters, schedule);
            builder = BlockBuilder.create(ledger, executor, parameters, 100, (height, max) -> {
                List<DuplicateVoteEvidence> due = List.copyOf(chain.pendingEvidence);
                return due;
            }, hooks);
            replayer = new BlockReplayer(ledger, (transactions, verified, state, block) ->
                    executor.execute(transactions, state, block), builder, parameters, verifier);
        }

        void commit(BuiltBlock built, CommitCertificate certificate) {
            List<TransactionStatus> statuses = new ArrayList<>();
            for (int i = 0; i < built.results().size(); i++) {
                statuses.add(TransactionStatus.of(built.results().get(i), built.block().height(), i));
            }
            ledger.commit(new FinalizedBlock(built.block(), certificate, built.state().changedAccounts(), statuses,
                    built.accountKeys(), built.nextValidatorSet(), built.stakingEvents()), built.state());
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
