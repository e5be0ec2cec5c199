package network.mira.settlement.genesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.config.Genesis;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.ChainParameters;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.ledger.LedgerException;
import network.mira.settlement.ledger.PreparedState;
import network.mira.settlement.staking.GenesisValidator;
import network.mira.settlement.staking.StakingParameters;
import network.mira.settlement.staking.block.BlockStaking;
import network.mira.settlement.staking.block.EpochVotes;
import network.mira.settlement.staking.program.StakeProgram;
import network.mira.svm.compute.ComputeParameters;

/**
 * Turns a genesis file into block 0 on first start, and on every later start proves that the data
 * dir belongs to this genesis: a node must never run one chain's data under another's rules.
 */
public final class GenesisInitializer {
    /** Block 0 has no proposer; the all-zero key marks it. */
    public static final PublicKey NO_PROPOSER = PublicKey.wrap(new byte[PublicKey.LENGTH]);

    private GenesisInitializer() {}

    /** Commission of the genesis validators, which the genesis file does not name (5%, changeable per epoch). */
    public static final int GENESIS_COMMISSION_BPS = 500;

    /**
     * @throws IllegalArgumentException when the genesis's staking parameters are unknown or out of range
     */
    public static ChainParameters parameters(Genesis genesis) {
        List<Validator> validators = new ArrayList<>();
        for (Genesis.GenesisValidator validator : genesis.validators()) {
            validators.add(new Validator(validator.identity(), validator.stake()));
        }
        return new ChainParameters(genesis.chainId(), genesis.hash(), genesis.lamportsPerSignature(),
                genesis.blockhashMaxAgeBlocks(), compute(genesis.compute()), new ValidatorSet(validators),
                staking(genesis));
    }

    /**
     * A genesis with parameters runs staking (the parameters it does not name take their defaults); one
     * without, written before staking existed, keeps its genesis set for ever.
     */
    public static Optional<StakingParameters> staking(Genesis genesis) {
        if (genesis.parameters().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> text = new TreeMap<>();
        genesis.parameters().forEach((name, value) -> {
            // Other modules' parameters (the sessions' session_*) are checked by their modules.
            if (StakingParameters.names().contains(name)) {
                text.put(name, Long.toString(value));
            }
        });
        return Optional.of(StakingParameters.byName(text));
    }

    /** Where a genesis validator's self-bond lives: SHA-256("mira/stake/self-bond" || identity). */
    public static PublicKey selfBondAddress(PublicKey identity) {
        return PublicKey.wrap(Hash.sha256("mira/stake/self-bond".getBytes(StandardCharsets.UTF_8),
                identity.bytes()).bytes());
    }

    /** Genesis has already checked the limits by the same rules ComputeParameters asserts. */
    static ComputeParameters compute(Genesis.ComputeLimits limits) {
        return new ComputeParameters(limits.computeUnitLimitPerInstruction(), limits.maxComputeUnitsPerTransaction(),
                limits.maxComputeUnitsPerBlock(), limits.maxComputeUnitsPerAccountPerBlock());
    }

    /**
     * Writes block 0 into an empty ledger, or checks that an existing ledger was created from this
     * genesis and can read its head.
     *
     * @throws LedgerException with an operator-facing message when the data dir is foreign or corrupt
     */
    public static ChainParameters openOrInitialize(Ledger ledger, Genesis genesis) {
        ChainParameters parameters = parameters(genesis);
        if (!ledger.isInitialized()) {
            writeGenesisBlock(ledger, genesis, parameters);
            return parameters;
        }
        Hash stored = ledger.genesisHash().orElseThrow();
        if (!stored.equals(genesis.hash())) {
            throw new LedgerException("data dir belongs to another chain: its genesis hash is " + stored
                    + " but the configured genesis (chain id " + genesis.chainId() + ") hashes to " + genesis.hash()
                    + "; use a different --data-dir or the genesis file this data dir was created with");
        }
        Block head = ledger.head();
        if (!head.header().stateRoot().equals(ledger.state().root())) {
            throw new LedgerException("data dir is corrupt: head block " + head.height() + " commits to state root "
                    + head.header().stateRoot() + " but the stored state hashes to " + ledger.state().root());
        }
        return parameters;
    }

    private static void writeGenesisBlock(Ledger ledger, Genesis genesis, ChainParameters parameters) {
        SortedMap<PublicKey, Account> accounts = new TreeMap<>();
        for (Genesis.GenesisAccount account : genesis.accounts()) {
            accounts.put(account.address(),
                    new Account(account.lamports(), account.data(), account.owner(), account.executable()));
        }
        parameters.staking().ifPresent(staking -> addStakingAccounts(accounts, genesis, staking));
        PreparedState state = ledger.state().prepare(accounts);
        // Version 1 (no evidence fields) keeps block 0, and so the chain's first parent hash, the
        // same as nodes built before evidence existed compute from the same genesis file.
        BlockHeader header = new BlockHeader(BlockHeader.VERSION_1, 0, Hash.ZERO, state.stateRoot(), Hash.ZERO,
                genesis.genesisTimeMs(), NO_PROPOSER, parameters.validators().hash(), 0);
        Block block = new Block(header, List.of());
        ledger.initialize(genesis.hash(), genesis.chainId(), block, state, parameters.validators());
    }

    /**
     * The stake state (every genesis validator registered, its stake an active self-bond with the
     * validator key as identity and consensus key) and the epoch's vote tally. The self-bonds are
     * lamports of the state account, on top of the genesis accounts.
     */
    private static void addStakingAccounts(SortedMap<PublicKey, Account> accounts, Genesis genesis,
                                           StakingParameters staking) {
        List<GenesisValidator> validators = new ArrayList<>();
        long supply = 0;
        for (Genesis.GenesisValidator validator : genesis.validators()) {
            validators.add(new GenesisValidator(validator.identity(), validator.identity(), GENESIS_COMMISSION_BPS,
                    selfBondAddress(validator.identity()), validator.stake()));
            supply = Math.addExact(supply, validator.stake());
        }
        for (Account account : accounts.values()) {
            supply = Math.addExact(supply, account.lamports());
        }
        for (PublicKey reserved : List.of(StakeProgram.STATE_ACCOUNT, EpochVotes.ADDRESS)) {
            if (accounts.containsKey(reserved)) {
                throw new IllegalArgumentException("genesis account " + reserved + " is reserved for staking");
            }
        }
        accounts.put(StakeProgram.STATE_ACCOUNT, StakeProgram.genesisAccount(staking, validators, supply));
        accounts.put(EpochVotes.ADDRESS, BlockStaking.genesisVotesAccount());
    }
}
