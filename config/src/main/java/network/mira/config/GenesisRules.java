package network.mira.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;

/** The validity rules of a genesis; each failure names the field as {@code genesis.<json path>}. */
final class GenesisRules {
    private static final Pattern CHAIN_ID = Pattern.compile(Genesis.CHAIN_ID_PATTERN);

    private GenesisRules() {}

    /** @return the total supply, which the overflow check has to compute anyway */
    static long validate(String chainId, long genesisTimeMs, long lamportsPerSignature, int blockhashMaxAgeBlocks,
                         Genesis.ComputeLimits compute, Optional<Genesis.GenesisFaucet> faucet, List<Genesis.GenesisAccount> accounts,
                         List<Genesis.GenesisValidator> validators) {
        Checks.required("genesis.chain_id", chainId);
        if (!CHAIN_ID.matcher(chainId).matches()) {
            throw new ConfigException("genesis.chain_id",
                    "must match " + Genesis.CHAIN_ID_PATTERN + ", got '" + chainId + "'");
        }
        Checks.positive("genesis.genesis_time_ms", genesisTimeMs);
        Checks.nonNegative("genesis.lamports_per_signature", lamportsPerSignature);
        blockhashMaxAge("genesis.blockhash_max_age_blocks", blockhashMaxAgeBlocks);
        compute(compute);
        long supply = accounts(accounts);
        faucet.ifPresent(f -> faucet(f, accounts));
        validators(validators);
        return supply;
    }

    /** Shared with the JSON reader, which must range-check before narrowing to int. */
    static void blockhashMaxAge(String field, long value) {
        Checks.between(field, value, 1, Genesis.MAX_BLOCKHASH_AGE_BLOCKS);
    }

    private static void compute(Genesis.ComputeLimits compute) {
        Checks.positive("genesis.compute_unit_limit_per_instruction", compute.computeUnitLimitPerInstruction());
        Checks.positive("genesis.max_compute_units_per_transaction", compute.maxComputeUnitsPerTransaction());
        Checks.positive("genesis.max_compute_units_per_block", compute.maxComputeUnitsPerBlock());
        Checks.positive("genesis.max_compute_units_per_account_per_block",
                compute.maxComputeUnitsPerAccountPerBlock());
        // One transaction must fit an account's share, and an account's share must fit the block.
        if (compute.maxComputeUnitsPerTransaction() > compute.maxComputeUnitsPerAccountPerBlock()) {
            throw new ConfigException("genesis.max_compute_units_per_transaction", "must be at most"
                    + " max_compute_units_per_account_per_block (" + compute.maxComputeUnitsPerAccountPerBlock()
                    + "), got " + compute.maxComputeUnitsPerTransaction());
        }
        if (compute.maxComputeUnitsPerAccountPerBlock() > compute.maxComputeUnitsPerBlock()) {
            throw new ConfigException("genesis.max_compute_units_per_account_per_block", "must be at most"
                    + " max_compute_units_per_block (" + compute.maxComputeUnitsPerBlock() + "), got "
                    + compute.maxComputeUnitsPerAccountPerBlock());
        }
    }

    private static long accounts(List<Genesis.GenesisAccount> accounts) {
        Map<PublicKey, Integer> seen = new HashMap<>();
        long supply = 0;
        for (int i = 0; i < accounts.size(); i++) {
            String field = "genesis.accounts[" + i + "]";
            Genesis.GenesisAccount account = Checks.required(field, accounts.get(i));
            Checks.nonNegative(field + ".lamports", account.lamports());
            if (account.dataLength() > Genesis.MAX_ACCOUNT_DATA_BYTES) {
                throw new ConfigException(field + ".data_base64", "must decode to at most "
                        + Genesis.MAX_ACCOUNT_DATA_BYTES + " bytes, got " + account.dataLength());
            }
            Integer earlier = seen.putIfAbsent(account.address(), i);
            if (earlier != null) {
                throw new ConfigException(field + ".address",
                        "duplicate of accounts[" + earlier + "].address " + account.address());
            }
            try {
                supply = Math.addExact(supply, account.lamports());
            } catch (ArithmeticException e) {
                throw new ConfigException(field + ".lamports", "total supply overflows a signed 64-bit integer ("
                        + Long.MAX_VALUE + ") when adding " + account.lamports());
            }
        }
        return supply;
    }

    private static void faucet(Genesis.GenesisFaucet faucet, List<Genesis.GenesisAccount> accounts) {
        if (faucet.enabled() && accounts.stream().noneMatch(a -> a.address().equals(faucet.address()))) {
            throw new ConfigException("genesis.faucet.address",
                    "must be one of the accounts when the faucet is enabled, got " + faucet.address());
        }
    }

    private static void validators(List<Genesis.GenesisValidator> validators) {
        if (validators.isEmpty()) {
            throw new ConfigException("genesis.validators", "must contain at least one validator");
        }
        Map<PublicKey, Integer> seen = new HashMap<>();
        long totalStake = 0;
        for (int i = 0; i < validators.size(); i++) {
            String field = "genesis.validators[" + i + "]";
            Genesis.GenesisValidator validator = Checks.required(field, validators.get(i));
            Checks.positive(field + ".stake", validator.stake());
            Integer earlier = seen.putIfAbsent(validator.identity(), i);
            if (earlier != null) {
                throw new ConfigException(field + ".identity",
                        "duplicate of validators[" + earlier + "].identity " + validator.identity());
            }
            // Quorum arithmetic sums stake; an overflow there would silently break 2/3 thresholds.
            try {
                totalStake = Math.addExact(totalStake, validator.stake());
            } catch (ArithmeticException e) {
                throw new ConfigException(field + ".stake", "total stake overflows a signed 64-bit integer ("
                        + Long.MAX_VALUE + ") when adding " + validator.stake());
            }
        }
    }

    /** Parameter names are lowercase snake case; values are non-negative integers. */
    static final java.util.regex.Pattern PARAMETER_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_PARAMETERS = 64;

    static java.util.SortedMap<String, Long> parameters(java.util.SortedMap<String, Long> parameters) {
        if (parameters.size() > MAX_PARAMETERS) {
            throw new ConfigException("genesis.parameters", "at most " + MAX_PARAMETERS + " parameters, got "
                    + parameters.size());
        }
        parameters.forEach((name, value) -> {
            if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
                throw new ConfigException("genesis.parameters", "'" + name + "' is not a parameter name "
                        + "(lowercase letters, digits and _, starting with a letter)");
            }
            if (value == null || value < 0) {
                throw new ConfigException("genesis.parameters." + name, "must be a non-negative integer, got " + value);
            }
        });
        return parameters;
    }
}
