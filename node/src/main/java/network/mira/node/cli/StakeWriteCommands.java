package network.mira.node.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.settlement.staking.program.StakeProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mira stake create|delegate|deactivate|withdraw}: the staker's stake program instructions,
 * each one transaction paid and signed by the key that authorizes it (docs/staking.md, "CLI").
 */
final class StakeWriteCommands {
    private StakeWriteCommands() {}

    private static final String STAKE_HELP = "The stake account: its keypair file (as written by "
            + "'mira stake create --out') or its base58 address.";
    private static final String AUTHORITY_HELP = "Keypair file of the stake account's authority (the --from "
            + "of 'mira stake create'), who signs and pays the fee.";

    /** The stake account an instruction acts on, and the authority that signs for it. */
    static final class StakeAccountOptions {
        @Option(names = "--stake", required = true, paramLabel = "STAKE.json|ADDR",
                converter = Converters.KeyOrAddress.class, description = STAKE_HELP)
        PublicKey stake;

        @Option(names = "--authority", required = true, paramLabel = "FILE", description = AUTHORITY_HELP)
        Path authority;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a stake account: a fresh address funded with --amount lamports from --from, "
                    + "who pays the fee and becomes its authority. The account is not delegated yet.")
    static final class Create extends SubmittingCommand {
        @Option(names = "--from", required = true, paramLabel = "FILE",
                description = "Keypair file of the funder: pays the amount and the fee, signs, and becomes "
                        + "the stake account's authority.")
        Path from;

        @Option(names = "--amount", required = true, paramLabel = "LAMPORTS",
                converter = Converters.NonNegative.class, description = "Lamports to move into the stake account.")
        long amount;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "Where to write the new stake account's keypair file (its address); an existing "
                        + "file is refused before anything is sent.")
        Path out;

        Create(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair funder = KeysCommand.read(from);
            KeyPair stake = KeysCommand.freshAddress(out);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("stake", stake.publicKey().toBase58());
            return submit(funder, List.of(stake),
                    StakeProgram.createStake(funder.publicKey(), stake.publicKey(), amount), fields);
        }
    }

    @Command(name = "delegate", mixinStandardHelpOptions = true,
            description = "Delegate an undelegated stake account to a validator; it activates from the next "
                    + "epoch boundary, under the per-epoch cap.")
    static final class Delegate extends SubmittingCommand {
        @Mixin
        StakeAccountOptions account;

        @Option(names = "--validator", required = true, paramLabel = "ID", converter = Converters.Address.class,
                description = "The validator's identity (base58), as 'mira validators' lists it.")
        PublicKey validator;

        Delegate(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(account.authority);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("stake", account.stake.toBase58());
            fields.put("validator", validator.toBase58());
            return submit(signer, List.of(),
                    List.of(StakeProgram.delegate(account.stake, signer.publicKey(), validator)), fields);
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "Start unbonding a delegated stake account: it cools down from the next epoch boundary, "
                    + "then waits unbonding_epochs before it can be withdrawn.")
    static final class Deactivate extends SubmittingCommand {
        @Mixin
        StakeAccountOptions account;

        Deactivate(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(account.authority);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("stake", account.stake.toBase58());
            return submit(signer, List.of(), List.of(StakeProgram.deactivate(account.stake, signer.publicKey())), fields);
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Close a stake account that was never delegated or has finished unbonding, and send "
                    + "all its lamports to --to. Too early it fails with UNBONDING_NOT_COMPLETE and the epochs left.")
    static final class Withdraw extends SubmittingCommand {
        @Mixin
        StakeAccountOptions account;

        @Option(names = "--to", paramLabel = "ADDR", converter = Converters.Address.class,
                description = "Base58 address that receives the lamports (default: the authority's address).")
        PublicKey to;

        Withdraw(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            KeyPair signer = KeysCommand.read(account.authority);
            PublicKey recipient = to == null ? signer.publicKey() : to;
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("stake", account.stake.toBase58());
            fields.put("to", recipient.toBase58());
            return submit(signer, List.of(),
                    List.of(StakeProgram.withdraw(account.stake, signer.publicKey(), recipient)), fields);
        }
    }
}
