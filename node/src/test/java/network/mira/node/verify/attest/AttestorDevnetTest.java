package network.mira.node.verify.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.config.NodeConfig;
import network.mira.core.account.Account;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.KeypairFile;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.node.cli.GenesisParameters;
import network.mira.node.cli.HostPort;
import network.mira.node.cli.InProcessDevnet;
import network.mira.node.cli.RpcClient;
import network.mira.settlement.ledger.Ledger;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.ClaimState;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.verdict.FinalVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real single-validator devnet in this JVM with the default verifier (the bundled knowledge-base
 * sample): a requester funded by the faucet asks about one true and one false claim of the sample, and
 * the node's attestor commits and reveals on its own until the request resolves. Windows are 2 + 2
 * blocks; the wait is a generous deadline, not a timing assertion.
 */
class AttestorDevnetTest {
    private static final String TRUE_CLAIM = "Tokyo is the capital of Japan.";
    private static final String FALSE_CLAIM = "The Sun orbits the Earth.";
    private static final long FEE = 1_000_000;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    @TempDir
    Path work;

    @Test
    void theValidatorAttestsOnItsOwnAndIsPaidTheFee() throws Exception {
        Path dataDir = work.resolve("devnet");
        try (InProcessDevnet devnet = InProcessDevnet.start(dataDir, GenesisParameters.complete(Map.of(
                "verification_commit_blocks", 2L, "verification_reveal_blocks", 2L)));
             RpcClient rpc = RpcClient.connect(HostPort.parse(devnet.rpc()))) {
            Ledger ledger = devnet.ledger();
            PublicKey identity = KeypairFile.read(dataDir.resolve(NodeConfig.DEFAULT_VALIDATOR_KEY_FILE_NAME))
                    .publicKey();
            KeyPair requester = KeyPair.generate(new SecureRandom());
            rpc.requestAirdrop(requester.publicKey(), 2_000_000_000L);
            await(() -> ledger.get(requester.publicKey()).map(Account::lamports).orElse(0L) > 0, "the airdrop");

            Transaction request = Transaction.sign(MessageCompiler.compileLegacy(requester.publicKey(),
                    List.of(VerificationProgram.request(requester.publicKey(), 7, FEE, 0, 0,
                            RequestBody.claims(List.of(TRUE_CLAIM, FALSE_CLAIM)))), ledger.headHeader().hash()),
                    List.of(requester));
            rpc.submitTransaction(request.serialize());
            PublicKey account = VerificationProgram.requestAddress(requester.publicKey(), 7);
            await(() -> record(ledger, account).map(r -> r.phase() == RequestPhase.RESOLVED).orElse(false),
                    "the request to resolve");

            RequestRecord resolved = record(ledger, account).orElseThrow();
            assertThat(resolved.claims()).extracting(ClaimState::verdict)
                    .containsExactly(FinalVerdict.TRUE, FinalVerdict.FALSE);
            assertThat(resolved.draw().pool()).singleElement()
                    .satisfies(member -> assertThat(member.identity()).isEqualTo(identity));
            assertThat(resolved.claims()).allSatisfy(claim -> assertThat(claim.seats()).singleElement()
                    .satisfies(seat -> assertThat(seat.counts()).as("revealed by the node").isTrue()));
            assertThat(resolved.settlement().paid()).as("the whole fee, to its one member").isEqualTo(FEE);
            assertThat(resolved.settlement().refunded()).isZero();
            // A lone member's verdicts are not guessing-test observations; only an offence would make a record.
            Optional<Account> stats = ledger.get(VerificationProgram.attestorStats(identity));
            if (stats.isPresent()) {
                assertThat(AttestorStats.decode(stats.get().data()).missedReveals()).isZero();
                assertThat(AttestorStats.decode(stats.get().data()).equivocations()).isZero();
            }
        }
    }

    private static Optional<RequestRecord> record(Ledger ledger, PublicKey account) {
        return ledger.get(account).filter(a -> a.owner().equals(VerificationProgram.ID)).map(a -> {
            try {
                return RequestRecord.decode(a.data());
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
