package network.mira.node.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.crypto.PublicKey;
import network.mira.sessions.scope.ProgramScope;
import network.mira.sessions.scope.SessionScope;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The scope options of {@code mira session create}. Each one left out is "no limit" (any program, any
 * recipient), except the fee allowance, which is 0 unless given (docs/sessions.md, "Scope").
 */
final class SessionScopeOptions {
    @Option(names = "--programs", paramLabel = "PROGRAM[:D+D...]", split = ",",
            converter = Converters.SessionProgramEntry.class,
            description = "Programs the session may call, comma separated: system, stake, compute-budget or a "
                    + "base58 id, each optionally narrowed to instruction discriminators, e.g. system:2 (System "
                    + "Transfer only). Default: any program.")
    List<ProgramScope> programs;

    @Option(names = "--spend-limit", paramLabel = "LAMPORTS", converter = Converters.NonNegative.class,
            description = "Most lamports that may leave the owner over the whole session. Default: no limit.")
    Long spendLimit;

    @Option(names = "--per-tx-limit", paramLabel = "LAMPORTS", converter = Converters.NonNegative.class,
            description = "Most lamports that may leave the owner in one transaction (not above --spend-limit). "
                    + "Default: no limit.")
    Long perTransactionLimit;

    @Option(names = "--max-tx", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Most transactions the session may make. Default: no limit.")
    Long maxTransactions;

    @Option(names = "--recipients", paramLabel = "ADDR", split = ",", converter = Converters.Address.class,
            description = "The only accounts lamports from the owner may go to, comma separated. Default: any.")
    List<PublicKey> recipients;

    @Option(names = "--fee-allowance", paramLabel = "LAMPORTS", defaultValue = "0",
            converter = Converters.NonNegative.class,
            description = "Fees of the session key's transactions the owner pays, in total (default ${DEFAULT-VALUE}).")
    long feeAllowance;

    /**
     * The scope, with the lists sorted by key as the scope requires.
     *
     * @throws ParameterException (a usage error) naming the rule the options break
     */
    SessionScope scope(CommandSpec spec) {
        try {
            return new SessionScope(sorted(programs, ProgramScope::program, "--programs", spec),
                    optional(spendLimit), optional(perTransactionLimit), optional(maxTransactions),
                    sorted(recipients, key -> key, "--recipients", spec), feeAllowance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "the scope is not valid: " + e.getMessage());
        }
    }

    private static <T> Optional<List<T>> sorted(List<T> given, java.util.function.Function<T, PublicKey> key,
                                                String option, CommandSpec spec) {
        if (given == null) {
            return Optional.empty();
        }
        List<T> list = new ArrayList<>(given);
        list.sort(Comparator.comparing(key));
        for (int i = 1; i < list.size(); i++) {
            if (key.apply(list.get(i)).equals(key.apply(list.get(i - 1)))) {
                throw new ParameterException(spec.commandLine(), option + " names " + key.apply(list.get(i))
                        + " twice");
            }
        }
        return Optional.of(list);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
