package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.settlement.staking.program.StakeProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mira stake create|delegate|deactivate|withdraw} and {@code mira validator ...} without a
 * chain: argument handling (every refusal happens before anything is sent), and the exact
 * transaction each command signs, read back from a {@link RecordingNode}.
 */
class StakeWriteCommandsTest {
    @TempDir
    Path dir;

    private RecordingNode node;
    private KeyPair owner;
    private Path ownerFile;

    @BeforeEach
    void start() throws Exception {
        node = new RecordingNode();
        owner = KeyPair.generate(new SecureRandom());
        ownerFile = dir.resolve("owner.json");
        KeypairFile.write(ownerFile, owner);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private CliRunner.Result mira(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--rpc", node.rpc()));
        all.addAll(List.of(arguments));
        return new CliRunner().run(all.toArray(String[]::new));
    }

    private JsonNode miraJson(String... arguments) {
        CliRunner.Result result = mira(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return result.json();
    }

    private Path keyFile(String name, KeyPair key) throws IOException {
        Path file = dir.resolve(name + ".json");
        KeypairFile.write(file, key);
        return file;
    }

    private static PublicKey someKey() {
        return KeyPair.generate(new SecureRandom()).publicKey();
    }

    /** The one transaction sent so far: signed by every required signer, fee paid by {@code payer}. */
    private Transaction onlySubmitted(KeyPair payer, List<Instruction> instructions) {
        assertThat(node.submitted()).hasSize(1);
        Transaction transaction = node.submitted().get(0);
        assertThat(transaction.allSignaturesValid()).isTrue();
        assertThat(transaction.message())
                .isEqualTo(MessageCompiler.compileLegacy(payer.publicKey(), instructions, RecordingNode.BLOCKHASH));
        return transaction;
    }

    // ---------------------------------------------------------------- argument handling

    @Test
    void everyCommandNamesItsMissingRequiredFlags() {
        List<List<String>> cases = List.of(
                List.of("stake create", "--from", "--amount", "--out"),
                List.of("stake delegate", "--stake", "--authority", "--validator"),
                List.of("stake deactivate", "--stake", "--authority"),
                List.of("stake withdraw", "--stake", "--authority"),
                List.of("validator register", "--identity", "--consensus-key", "--self-bond"),
                List.of("validator unjail", "--identity"),
                List.of("validator rotate-key", "--identity", "--new-consensus-key"),
                List.of("validator set-commission", "--identity", "--commission-bps"));
        for (List<String> command : cases) {
            CliRunner.Result result = mira(command.get(0).split(" "));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).as(result.toString()).startsWith("error: Missing required option")
                    .contains(command.subList(1, command.size()))
                    .contains("Try 'mira " + command.get(0) + " --help' for usage.");
        }
        assertThat(mira("stake", "withdraw", "--help").stdout()).contains("--to=ADDR");
        assertThat(mira("validator", "register", "--help").stdout()).contains("--commission-bps=N", "default 500",
                "--out=FILE");
        assertThat(node.submitted()).isEmpty();
    }

    @Test
    void groupsListTheirSubcommandsAndTheValidatorListingStays() {
        CliRunner.Result validator = mira("validator");
        assertThat(validator.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(validator.stderr()).contains("register", "unjail", "rotate-key", "set-commission");
        CliRunner.Result stake = mira("stake", "--help");
        assertThat(stake.exitCode()).isZero();
        assertThat(stake.stdout()).contains("create", "delegate", "deactivate", "withdraw", "show");
        CliRunner.Result listing = mira("validators", "--help");
        assertThat(listing.exitCode()).isZero();
        assertThat(listing.stdout()).contains("List the validators");
    }

    @Test
    void createRefusesAnExistingOutFileBeforeSendingAnything() throws Exception {
        Path out = Files.writeString(dir.resolve("stake.json"), "keep me");

        CliRunner.Result result = mira("stake", "create", "--from", ownerFile.toString(), "--amount", "5",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("error: keypair file " + out
                + " already exists; refusing to overwrite it (nothing was sent");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThat(node.submitted()).isEmpty();
    }

    @Test
    void registerRefusesAnExistingOutFileBeforeSendingAnything() throws Exception {
        Path out = Files.writeString(dir.resolve("self-bond.json"), "keep me");

        CliRunner.Result result = mira("validator", "register", "--identity", ownerFile.toString(),
                "--consensus-key", someKey().toBase58(), "--self-bond", "1000000000", "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).startsWith("error: keypair file " + out + " already exists");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThat(node.submitted()).isEmpty();
    }

    @Test
    void missingSignerFileFailsBeforeTheNewKeypairIsWritten() {
        Path out = dir.resolve("stake.json");

        CliRunner.Result result = mira("stake", "create", "--from", dir.resolve("nobody.json").toString(),
                "--amount", "5", "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).startsWith("error: keypair file " + dir.resolve("nobody.json")
                + " does not exist");
        assertThat(out).doesNotExist();
        assertThat(node.submitted()).isEmpty();
    }

    @Test
    void badKeysAndAddressesAreUsageErrorsThatSayWhy() throws Exception {
        String owner = ownerFile.toString();
        String good = someKey().toBase58();
        Path broken = Files.writeString(dir.resolve("broken.json"), "[1, 2, 3]");
        List<String[]> cases = List.of(
                new String[] {"stake", "delegate", "--stake", "not-an-address", "--authority", owner,
                        "--validator", good},
                new String[] {"stake", "delegate", "--stake", good, "--authority", owner, "--validator", "nope!"},
                new String[] {"stake", "deactivate", "--stake", broken.toString(), "--authority", owner},
                new String[] {"stake", "withdraw", "--stake", good, "--authority", owner, "--to", "nope!"},
                new String[] {"validator", "register", "--identity", owner, "--consensus-key", "nope!",
                        "--self-bond", "1"},
                new String[] {"validator", "rotate-key", "--identity", owner, "--new-consensus-key", "nope!"});
        for (String[] command : cases) {
            CliRunner.Result result = mira(command);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(mira(cases.get(0)).stderr())
                .contains("'not-an-address' is neither a base58 address", "nor an existing keypair file");
        assertThat(mira(cases.get(1)).stderr()).contains("'nope!' is not a base58 address");
        assertThat(mira(cases.get(2)).stderr()).contains("--stake").contains("keypair file " + broken);
        assertThat(node.submitted()).isEmpty();
    }

    @Test
    void amountsAndCommissionsOutOfRangeAreUsageErrors() {
        String owner = ownerFile.toString();
        String key = someKey().toBase58();
        List<String[]> cases = List.of(
                new String[] {"stake", "create", "--from", owner, "--amount", "-1", "--out", "x.json"},
                new String[] {"stake", "create", "--from", owner, "--amount", "18446744073709551616", "--out", "x.json"},
                new String[] {"validator", "register", "--identity", owner, "--consensus-key", key,
                        "--self-bond", "lots"},
                new String[] {"validator", "register", "--identity", owner, "--consensus-key", key,
                        "--self-bond", "1", "--commission-bps", "10001"},
                new String[] {"validator", "set-commission", "--identity", owner, "--commission-bps", "-5"});
        for (String[] command : cases) {
            CliRunner.Result result = mira(command);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(mira(cases.get(3)).stderr()).contains("'10001' is more than 10000 basis points");
        assertThat(node.submitted()).isEmpty();
    }

    // ---------------------------------------------------------------- what is signed and sent

    @Test
    void createWritesTheStakeKeypairThenSendsCreateStakeSignedByFunderAndStake() throws Exception {
        Path out = dir.resolve("stake.json");

        JsonNode json = miraJson("stake", "create", "--from", ownerFile.toString(), "--amount", "2_000_000_000",
                "--out", out.toString(), "--json");

        KeyPair stake = KeypairFile.read(out);
        assertThat(json.get("stake").asText()).isEqualTo(stake.publicKey().toBase58());
        assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("commitment").asText()).isEqualTo("FINALIZED");
        assertThat(json.get("signature").asText()).isEqualTo(node.submitted().get(0).id().toBase58());
        assertThat(json.fieldNames()).toIterable().startsWith("stake", "signature", "status");
        Transaction sent = onlySubmitted(owner,
                StakeProgram.createStake(owner.publicKey(), stake.publicKey(), 2_000_000_000L));
        assertThat(sent.message().requiredSigners()).containsExactly(owner.publicKey(), stake.publicKey());
    }

    @Test
    void textOutputIsAlignedFieldsEndingWithSignatureAndStatus() {
        CliRunner.Result result = mira("stake", "create", "--from", ownerFile.toString(), "--amount", "7",
                "--out", dir.resolve("stake.json").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String[] lines = result.stdout().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("stake:     ");
        assertThat(lines[1]).isEqualTo("signature: " + node.submitted().get(0).id().toBase58());
        assertThat(lines[2]).isEqualTo("status:    SUCCEEDED (FINALIZED at height 9, fee 5000 lamports)");
    }

    @Test
    void delegateTakesTheStakeAsKeypairFileOrAddress() throws Exception {
        KeyPair stake = KeyPair.generate(new SecureRandom());
        PublicKey validator = someKey();
        Path stakeFile = keyFile("stake", stake);

        JsonNode byFile = miraJson("stake", "delegate", "--stake", stakeFile.toString(), "--authority",
                ownerFile.toString(), "--validator", validator.toBase58(), "--json");

        assertThat(byFile.get("stake").asText()).isEqualTo(stake.publicKey().toBase58());
        assertThat(byFile.get("validator").asText()).isEqualTo(validator.toBase58());
        Transaction sent = onlySubmitted(owner,
                List.of(StakeProgram.delegate(stake.publicKey(), owner.publicKey(), validator)));
        assertThat(sent.signatures()).hasSize(1);

        miraJson("stake", "delegate", "--stake", stake.publicKey().toBase58(), "--authority", ownerFile.toString(),
                "--validator", validator.toBase58(), "--json");
        assertThat(node.submitted().get(1).message()).isEqualTo(sent.message());
    }

    @Test
    void deactivateAndWithdrawAreSignedByTheAuthority() {
        PublicKey stake = someKey();
        PublicKey recipient = someKey();

        miraJson("stake", "deactivate", "--stake", stake.toBase58(), "--authority", ownerFile.toString(), "--json");
        onlySubmitted(owner, List.of(StakeProgram.deactivate(stake, owner.publicKey())));

        JsonNode toSelf = miraJson("stake", "withdraw", "--stake", stake.toBase58(), "--authority",
                ownerFile.toString(), "--json");
        assertThat(toSelf.get("to").asText()).isEqualTo(owner.publicKey().toBase58());
        assertThat(node.submitted().get(1).message()).isEqualTo(MessageCompiler.compileLegacy(owner.publicKey(),
                List.of(StakeProgram.withdraw(stake, owner.publicKey(), owner.publicKey())), RecordingNode.BLOCKHASH));

        JsonNode toOther = miraJson("stake", "withdraw", "--stake", stake.toBase58(), "--authority",
                ownerFile.toString(), "--to", recipient.toBase58(), "--json");
        assertThat(toOther.get("to").asText()).isEqualTo(recipient.toBase58());
        assertThat(node.submitted().get(2).message()).isEqualTo(MessageCompiler.compileLegacy(owner.publicKey(),
                List.of(StakeProgram.withdraw(stake, owner.publicKey(), recipient)), RecordingNode.BLOCKHASH));
    }

    @Test
    void registerFundsAFreshSelfBondAddressAndTakesTheConsensusKeyFromAFile() throws Exception {
        KeyPair consensus = KeyPair.generate(new SecureRandom());
        Path consensusFile = keyFile("consensus", consensus);
        Path out = dir.resolve("self-bond.json");

        JsonNode json = miraJson("validator", "register", "--identity", ownerFile.toString(), "--consensus-key",
                consensusFile.toString(), "--self-bond", "1000000000", "--out", out.toString(), "--json");

        KeyPair selfBond = KeypairFile.read(out);
        assertThat(json.get("identity").asText()).isEqualTo(owner.publicKey().toBase58());
        assertThat(json.get("consensus_key").asText()).isEqualTo(consensus.publicKey().toBase58());
        assertThat(json.get("commission_bps").asInt()).isEqualTo(500);
        assertThat(json.get("self_bond").asLong()).isEqualTo(1_000_000_000L);
        assertThat(json.get("self_bond_address").asText()).isEqualTo(selfBond.publicKey().toBase58());
        Transaction sent = onlySubmitted(owner, StakeProgram.registerValidator(owner.publicKey(),
                selfBond.publicKey(), consensus.publicKey(), 500, 1_000_000_000L));
        assertThat(sent.message().requiredSigners()).containsExactly(owner.publicKey(), selfBond.publicKey());
    }

    @Test
    void registerWithoutOutOnlyPrintsTheSelfBondAddress() throws Exception {
        PublicKey consensus = someKey();

        JsonNode json = miraJson("validator", "register", "--identity", ownerFile.toString(), "--consensus-key",
                consensus.toBase58(), "--commission-bps", "0", "--self-bond", "1000000000", "--json");

        PublicKey selfBond = PublicKey.fromBase58(json.get("self_bond_address").asText());
        onlySubmitted(owner, StakeProgram.registerValidator(owner.publicKey(), selfBond, consensus, 0,
                1_000_000_000L));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(ownerFile);
        }
    }

    @Test
    void operatorCommandsAreSignedByTheIdentity() {
        PublicKey newKey = someKey();

        JsonNode unjail = miraJson("validator", "unjail", "--identity", ownerFile.toString(), "--json");
        assertThat(unjail.get("identity").asText()).isEqualTo(owner.publicKey().toBase58());
        JsonNode rotate = miraJson("validator", "rotate-key", "--identity", ownerFile.toString(),
                "--new-consensus-key", newKey.toBase58(), "--json");
        assertThat(rotate.get("new_consensus_key").asText()).isEqualTo(newKey.toBase58());
        JsonNode commission = miraJson("validator", "set-commission", "--identity", ownerFile.toString(),
                "--commission-bps", "600", "--json");
        assertThat(commission.get("commission_bps").asInt()).isEqualTo(600);

        List<Instruction> expected = List.of(StakeProgram.unjail(owner.publicKey()),
                StakeProgram.rotateConsensusKey(owner.publicKey(), newKey),
                StakeProgram.setCommission(owner.publicKey(), 600));
        assertThat(node.submitted()).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            Transaction sent = node.submitted().get(i);
            assertThat(sent.allSignaturesValid()).isTrue();
            assertThat(sent.message()).isEqualTo(MessageCompiler.compileLegacy(owner.publicKey(),
                    List.of(expected.get(i)), RecordingNode.BLOCKHASH));
        }
    }

    @Test
    void failedTransactionExitsOneWithTheProgramsCodeAndMessage() {
        String stake = someKey().toBase58();
        node.failWith("UNBONDING_NOT_COMPLETE", 0,
                "stake " + stake + " is unbonding: 2 epochs remain (withdrawable in epoch 4)");

        CliRunner.Result result = mira("stake", "withdraw", "--stake", stake, "--authority", ownerFile.toString(),
                "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode json = result.json();
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").get("code").asText()).isEqualTo("UNBONDING_NOT_COMPLETE");
        assertThat(result.stderr()).startsWith("error: transaction " + json.get("signature").asText()
                + " failed: UNBONDING_NOT_COMPLETE: stake " + stake + " is unbonding: 2 epochs remain");
    }

    @Test
    void keyOrAddressReadsAnAddressOrTheKeypairFilesPublicKey() throws Exception {
        KeyPair key = KeyPair.generate(new SecureRandom());
        Path file = keyFile("key", key);
        Converters.KeyOrAddress converter = new Converters.KeyOrAddress();

        assertThat(converter.convert(file.toString())).isEqualTo(key.publicKey());
        assertThat(converter.convert(" " + key.publicKey().toBase58() + " ")).isEqualTo(key.publicKey());
    }
}
