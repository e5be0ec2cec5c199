package network.mira.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The definition of a chain: its id, the parameters fixed at birth, the initial accounts and the
 * initial validators. Immutable and always valid ({@link GenesisRules} runs in the constructor).
 * Accounts and validators keep the order they were given in, because that order is part of
 * {@link #hash()} and every node must agree on it.
 */
public final class Genesis {
    /** Solana's System program id (32 zero bytes); the default owner of an account. */
    public static final PublicKey SYSTEM_PROGRAM = PublicKey.fromBase58("11111111111111111111111111111111");
    public static final long LAMPORTS_PER_MIRA = 1_000_000_000L;
    public static final int MAX_ACCOUNT_DATA_BYTES = 10 * 1024 * 1024;
    public static final int MAX_BLOCKHASH_AGE_BLOCKS = 10_000;
    public static final String CHAIN_ID_PATTERN = "[a-z0-9-]{1,48}";

    private final String chainId;
    private final long genesisTimeMs;
    private final long lamportsPerSignature;
    private final int blockhashMaxAgeBlocks;
    private final ComputeLimits compute;
    private final Optional<GenesisFaucet> faucet;
    private final List<GenesisAccount> accounts;
    private final List<GenesisValidator> validators;
    private final SortedMap<String, Long> parameters;
    private final long totalSupply;
    private final Hash hash;

    /** A genesis without chain parameters beyond the fields here (every parameter at its default). */
    public Genesis(String chainId, long genesisTimeMs, long lamportsPerSignature, int blockhashMaxAgeBlocks,
                   ComputeLimits compute, Optional<GenesisFaucet> faucet, List<GenesisAccount> accounts,
                   List<GenesisValidator> validators) {
        this(chainId, genesisTimeMs, lamportsPerSignature, blockhashMaxAgeBlocks, compute, faucet, accounts, validators,
                new TreeMap<>());
    }

    /**
     * @param parameters named chain parameters (staking, slashing, epochs: {@code epoch_blocks=100}),
     *                   set when the chain is created; their meaning and ranges are checked by the
     *                   module that uses them, here only their form
     * @throws ConfigException naming the first invalid field, e.g. {@code genesis.validators[1].stake}
     */
    public Genesis(String chainId, long genesisTimeMs, long lamportsPerSignature, int blockhashMaxAgeBlocks,
                   ComputeLimits compute, Optional<GenesisFaucet> faucet, List<GenesisAccount> accounts,
                   List<GenesisValidator> validators, Map<String, Long> parameters) {
        this.chainId = chainId;
        this.genesisTimeMs = genesisTimeMs;
        this.lamportsPerSignature = lamportsPerSignature;
        this.blockhashMaxAgeBlocks = blockhashMaxAgeBlocks;
        this.compute = Checks.required("genesis.compute", compute);
        this.faucet = Checks.required("genesis.faucet", faucet);
        this.accounts = List.copyOf(Checks.required("genesis.accounts", accounts));
        this.validators = List.copyOf(Checks.required("genesis.validators", validators));
        this.parameters = Collections.unmodifiableSortedMap(
                GenesisRules.parameters(new TreeMap<>(Checks.required("genesis.parameters", parameters))));
        this.totalSupply = GenesisRules.validate(chainId, genesisTimeMs, lamportsPerSignature, blockhashMaxAgeBlocks,
                compute, this.faucet, this.accounts, this.validators);
        // Computed once: settlement compares it on every start, and the encoding can be megabytes.
        this.hash = Hash.sha256(GenesisEncoding.encode(this));
    }

    /**
     * The devnet genesis: one validator, a funded faucet, and some lamports for the validator to
     * pay its own fees with.
     */
    public static Genesis devnet(PublicKey validator, PublicKey faucet, long genesisTimeMs) {
        return local("mira-devnet", List.of(validator), faucet, genesisTimeMs);
    }

    /**
     * A local network's genesis (the devnet, {@code mira testnet init}): a funded faucet of 500,000,000
     * MIRA, and per validator, in the given order, an account of 1,000 MIRA for its fees and an equal
     * stake of 1,000,000 MIRA.
     *
     * @throws ConfigException for a bad chain id, no validators or a key used twice
     */
    public static Genesis local(String chainId, List<PublicKey> validators, PublicKey faucet, long genesisTimeMs) {
        List<GenesisAccount> accounts = new ArrayList<>();
        accounts.add(new GenesisAccount(faucet, 500_000_000L * LAMPORTS_PER_MIRA));
        List<GenesisValidator> stakes = new ArrayList<>();
        for (PublicKey validator : validators) {
            accounts.add(new GenesisAccount(validator, 1_000L * LAMPORTS_PER_MIRA));
            stakes.add(new GenesisValidator(validator, 1_000_000L * LAMPORTS_PER_MIRA));
        }
        return new Genesis(chainId, genesisTimeMs, 5_000, 150, ComputeLimits.DEFAULTS,
                Optional.of(new GenesisFaucet(true, faucet)), accounts, stakes);
    }

    public String chainId() {
        return chainId;
    }

    /** Block 0's timestamp. */
    public long genesisTimeMs() {
        return genesisTimeMs;
    }

    public long lamportsPerSignature() {
        return lamportsPerSignature;
    }

    /** Named chain parameters set at creation, sorted by name; absent ones take their defaults. */
    public SortedMap<String, Long> parameters() {
        return parameters;
    }

    /** The same genesis with {@code overrides} added to (or replacing) its parameters. */
    public Genesis withParameters(Map<String, Long> overrides) {
        SortedMap<String, Long> merged = new TreeMap<>(parameters);
        merged.putAll(overrides);
        return new Genesis(chainId, genesisTimeMs, lamportsPerSignature, blockhashMaxAgeBlocks, compute, faucet,
                accounts, validators, merged);
    }

    /** How many blocks a transaction's recent blockhash stays usable. */
    public int blockhashMaxAgeBlocks() {
        return blockhashMaxAgeBlocks;
    }

    /** The compute unit limits of execution and block packing. */
    public ComputeLimits compute() {
        return compute;
    }

    public Optional<GenesisFaucet> faucet() {
        return faucet;
    }

    /** The faucet's address when it is enabled. */
    public Optional<PublicKey> enabledFaucetAddress() {
        return faucet.filter(GenesisFaucet::enabled).map(GenesisFaucet::address);
    }

    public List<GenesisAccount> accounts() {
        return accounts;
    }

    public List<GenesisValidator> validators() {
        return validators;
    }

    /** Lamports held by all genesis accounts; stake is a separate figure and not included. */
    public long totalSupply() {
        return totalSupply;
    }

    /** SHA-256 of {@link GenesisEncoding}: independent of how the JSON file is formatted. */
    public Hash hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Genesis other
                && chainId.equals(other.chainId)
                && genesisTimeMs == other.genesisTimeMs
                && lamportsPerSignature == other.lamportsPerSignature
                && blockhashMaxAgeBlocks == other.blockhashMaxAgeBlocks
                && compute.equals(other.compute)
                && faucet.equals(other.faucet)
                && accounts.equals(other.accounts)
                && validators.equals(other.validators)
                && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Genesis[chain_id=" + chainId + ", accounts=" + accounts.size() + ", validators=" + validators.size()
                + ", total_supply=" + totalSupply + ", hash=" + hash + "]";
    }

    /**
     * Compute units, as Solana counts them. A transaction that sets no limit of its own may use
     * {@code computeUnitLimitPerInstruction} per instruction (Compute Budget instructions excepted),
     * and never more than {@code maxComputeUnitsPerTransaction}; a block holds at most
     * {@code maxComputeUnitsPerBlock}, of which the transactions writing any one account may take at
     * most {@code maxComputeUnitsPerAccountPerBlock}. {@link GenesisRules} checks that all are positive
     * and that per-transaction &lt;= per-account &lt;= per-block.
     */
    public record ComputeLimits(long computeUnitLimitPerInstruction, long maxComputeUnitsPerTransaction,
                                long maxComputeUnitsPerBlock, long maxComputeUnitsPerAccountPerBlock) {
        /** Solana's values; also what a genesis file that leaves the fields out gets. */
        public static final ComputeLimits DEFAULTS = new ComputeLimits(200_000, 1_400_000, 48_000_000, 12_000_000);
    }

    /** An initial account. {@code data} is copied in and out, so the value cannot change. */
    public record GenesisAccount(PublicKey address, long lamports, PublicKey owner, byte[] data, boolean executable) {
        public GenesisAccount {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(owner, "owner");
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** A plain System-owned account holding only lamports. */
        public GenesisAccount(PublicKey address, long lamports) {
            this(address, lamports, SYSTEM_PROGRAM, new byte[0], false);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int dataLength() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenesisAccount other
                    && address.equals(other.address)
                    && lamports == other.lamports
                    && owner.equals(other.owner)
                    && Arrays.equals(data, other.data)
                    && executable == other.executable;
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, lamports, owner, Arrays.hashCode(data), executable);
        }

        @Override
        public String toString() {
            return "GenesisAccount[address=" + address + ", lamports=" + lamports + ", owner=" + owner
                    + ", data=" + data.length + " bytes, executable=" + executable + "]";
        }
    }

    /** A validator of the first epoch and its voting stake in lamports. */
    public record GenesisValidator(PublicKey identity, long stake) {
        public GenesisValidator {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** The devnet faucet: airdrops come from {@code address}, which must be a genesis account. */
    public record GenesisFaucet(boolean enabled, PublicKey address) {
        public GenesisFaucet {
            Objects.requireNonNull(address, "address");
        }
    }
}
