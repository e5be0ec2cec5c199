package network.mira.node.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.program.StakeProgram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mira validator register|unjail|rotate-key|set-commission}: the operator's stake program
 * instructions, each one transaction paid and signed by the validator's identity key. Listing is
 * {@code mira validators}.
 */
@Command(name = "validator", mixinStandardHelpOptions = true,
        description = "Register and operate a validator (list validators with 'mira validators').")
final class ValidatorCommand extends GroupCommand {
    private static final String IDENTITY_HELP = "Keypair file of the validator's identity, which signs and pays "
            + "the fee.";

    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new ValidatorCommand())
                .addSubcommand(new CommandLine(new Register(environment)))
                .addSubcommand(new CommandLine(new Unjail(environment)))
                .addSubcommand(new CommandLine(new RotateKey(environment)))
                .addSubcommand(new CommandLine(new SetCommission(environment)));
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a validator: --self-bond lamports move from the identity into a new stake "
                    + "account (authority: the identity) delegated to it. It starts inactive and can be "
                    + "selected once the self-bond is active, from an epoch boundary.")
    static final class Register extends SubmittingCommand {
        @Option(names = "--identity", required = true, paramLabel = "FILE", description = IDENTITY_HELP
                + " It also funds the self-bond.")
        Path identity;

        @Option(names = "--consensus-key", required = true, paramLabel = "KEY_OR_ADDR",
                converter = Converters.KeyOrAddress.class,
                description = "The key that will sign votes: a keypair file or a base58 public key. "
                        + "Never used before by any validator.")
        PublicKey consensusKey;

        @Option(names = "--commission-bps", paramLabel = "N", defaultValue = "500",
                converter = Converters.BasisPoints.class,
                description = "Commission on rewards in basis points, 0 to 10000 (default ${DEFAULT-VALUE}).")
        int commissionBps;

        @Option(names = "--self-bond", required = true, paramLabel = "LAMPORTS",
                converter = Converters.NonNegative.class,
                description = "Lamports of self-bond, at least the chain's min_self_bond.")
        long selfBond;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write the self-bond account's keypair file; an existing file is refused "
                        + "before anything is sent. Without it the address is only printed (the identity, "
                        + "as its authority, is all that later commands need).")
        Path out;

        Register(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(identity);
            KeyPair selfBondAccount = KeysCommand.freshAddress(out);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("identity", signer.publicKey().toBase58());
            fields.put("consensus_key", consensusKey.toBase58());
            fields.put("commission_bps", commissionBps);
            fields.put("self_bond", selfBond);
            fields.put("self_bond_address", selfBondAccount.publicKey().toBase58());
            return submit(signer, List.of(selfBondAccount), StakeProgram.registerValidator(signer.publicKey(),
                    selfBondAccount.publicKey(), consensusKey, commissionBps, selfBond), fields);
        }
    }

    @Command(name = "unjail", mixinStandardHelpOptions = true,
            description = "End a served jail term; the validator can be selected again from the next epoch boundary.")
    static final class Unjail extends SubmittingCommand {
        @Option(names = "--identity", required = true, paramLabel = "FILE", description = IDENTITY_HELP)
        Path identity;

        Unjail(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(identity);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("identity", signer.publicKey().toBase58());
            return submit(signer, List.of(), List.of(StakeProgram.unjail(signer.publicKey())), fields);
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Replace the consensus key from the next epoch on; the old key stays bound to this validator.")
    static final class RotateKey extends SubmittingCommand {
        @Option(names = "--identity", required = true, paramLabel = "FILE", description = IDENTITY_HELP)
        Path identity;

        @Option(names = "--new-consensus-key", required = true, paramLabel = "KEY_OR_ADDR",
                converter = Converters.KeyOrAddress.class,
                description = "The new consensus key: a keypair file or a base58 public key, never used before.")
        PublicKey newConsensusKey;

        RotateKey(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(identity);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("identity", signer.publicKey().toBase58());
            fields.put("new_consensus_key", newConsensusKey.toBase58());
            return submit(signer, List.of(),
                    List.of(StakeProgram.rotateConsensusKey(signer.publicKey(), newConsensusKey)), fields);
        }
    }

    @Command(name = "set-commission", mixinStandardHelpOptions = true,
            description = "Change the commission at once: by at most max_commission_change_bps_per_epoch, "
                    + "once per epoch.")
    static final class SetCommission extends SubmittingCommand {
        @Option(names = "--identity", required = true, paramLabel = "FILE", description = IDENTITY_HELP)
        Path identity;

        @Option(names = "--commission-bps", required = true, paramLabel = "N",
                converter = Converters.BasisPoints.class, description = "The new commission, 0 to 10000 basis points.")
        int commissionBps;

        SetCommission(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(identity);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("identity", signer.publicKey().toBase58());
            fields.put("commission_bps", commissionBps);
            return submit(signer, List.of(),
                    List.of(StakeProgram.setCommission(signer.publicKey(), commissionBps)), fields);
        }
    }
}
