package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.certificate.CertificateAssembler;
import network.mira.verification.certificate.CertificateJson;
import network.mira.verification.certificate.ClaimResult;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.claims.Claim;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.Committee;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.committee.RequestCommittees;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mira verify check} on certificate files this test writes from real keys. */
class VerifyCheckCommandTest {
    private static final String CHAIN = "mira-devnet";
    private static final List<KeyPair> KEYS = new ArrayList<>();
    private static VerificationCertificate certificate;

    @TempDir
    Path directory;

    @BeforeAll
    static void buildCertificate() throws Exception {
        List<CommitteeCandidate> candidates = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            byte[] seed = new byte[32];
            seed[0] = (byte) i;
            KEYS.add(KeyPair.fromSeed(seed));
            candidates.add(new CommitteeCandidate(KEYS.get(i - 1).publicKey(), 100L * i));
        }
        CandidatePool pool = CandidatePool.of(candidates);
        Hash block = Hash.sha256("block".getBytes(StandardCharsets.UTF_8));
        List<Claim> claims = List.of(Claim.of(0, "paris is the capital of france"), Claim.of(1, "two plus two is five"),
                Claim.of(2, "it will rain tomorrow"));
        CertificateAssembler.Request parameters = new CertificateAssembler.Request(CHAIN, KEYS.get(0).publicKey(), 42,
                block, 3, 6_667);
        Hash request = parameters.requestId(pool, claims);
        List<Committee> committees = RequestCommittees.select(pool, block, claims.size(), 3);
        Verdict[] verdicts = {Verdict.TRUE, Verdict.FALSE, Verdict.UNCERTAIN};
        Map<Integer, List<Attestation>> counted = new TreeMap<>();
        for (Claim claim : claims) {
            List<Attestation> attestations = new ArrayList<>();
            for (PublicKey member : committees.get(claim.index()).identities()) {
                byte[] salt = new byte[32];
                salt[0] = (byte) claim.index();
                attestations.add(Attestation.sign(CHAIN, request, claim.index(), verdicts[claim.index()], salt,
                        key(member)));
            }
            counted.put(claim.index(), attestations);
        }
        certificate = CertificateAssembler.assemble(parameters, pool, claims, counted);
    }

    private static KeyPair key(PublicKey identity) {
        return KEYS.stream().filter(k -> k.publicKey().equals(identity)).findFirst().orElseThrow();
    }

    @Test
    void validCertificateIsReported() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString(),
                "--set-hash", certificate.validatorSetHash().toBase58(), "--chain-id", CHAIN);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().trim())
                .isEqualTo("certificate: valid (3 claims: 1 true, 1 false, 1 inconclusive)");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void aValidatorsFileIsTheTrustedSetWithInactiveOnesLeftOut() throws IOException {
        StringBuilder entries = new StringBuilder("[");
        for (int i = 0; i < KEYS.size(); i++) {
            entries.append(String.format("{\"identity\":\"%s\",\"voting_power\":%d,\"status\":\"active\"},",
                    KEYS.get(i).publicKey().toBase58(), 100L * (i + 1)));
        }
        String jailed = "{\"identity\":\"" + KeyPair.fromSeed(new byte[32]).publicKey().toBase58()
                + "\",\"voting_power\":5,\"status\":\"jailed\"}";
        Path file = Files.writeString(directory.resolve("validators.json"), entries + jailed + "]");
        CliRunner.Result valid = new CliRunner().run("verify", "check", write(certificate).toString(), "--validators",
                file.toString());
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.stderr()).isEmpty();

        Path missingOne = Files.writeString(directory.resolve("fewer.json"), "[" + entries.substring(1,
                entries.indexOf("},") + 1) + "]");
        CliRunner.Result wrongSet = new CliRunner().run("verify", "check", write(certificate).toString(),
                "--validators", missingOne.toString(), "--json");
        assertThat(wrongSet.exitCode()).as(wrongSet.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(wrongSet.json().get("error").textValue()).startsWith("SET_MISMATCH");

        Path malformed = Files.writeString(directory.resolve("bad.json"), "[{\"identity\":\"x\"}]");
        CliRunner.Result bad = new CliRunner().run("verify", "check", write(certificate).toString(), "--validators",
                malformed.toString());
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(bad.stderr()).contains("entry 0", "identity");
    }

    @Test
    void withoutASetHashItWarnsThatOnlyConsistencyIsChecked() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("warning:", "--set-hash");
    }

    @Test
    void jsonOutputListsClaims() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("valid").booleanValue()).isTrue();
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(json.get("claims")).hasSize(3);
        JsonNode first = json.get("claims").get(0);
        assertThat(first.get("text").textValue()).isEqualTo("paris is the capital of france");
        assertThat(first.get("verdict").textValue()).isEqualTo("TRUE");
        assertThat(first.get("stake_true").longValue()).isEqualTo(certificate.claims().get(0).tally().trueStake());
        assertThat(first.get("stake_false").longValue()).isZero();
        assertThat(json.get("claims").get(2).get("verdict").textValue()).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void untrustedSetIsInvalid() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString(),
                "--set-hash", Hash.ZERO.toBase58());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).startsWith("certificate: INVALID: SET_MISMATCH:");
    }

    @Test
    void verdictAboveTheTallyIsInvalid() throws IOException {
        ClaimResult claim = certificate.claims().get(2);
        List<ClaimResult> claims = new ArrayList<>(certificate.claims());
        claims.set(2, new ClaimResult(2, claim.text(), claim.hash(), FinalVerdict.TRUE, claim.tally(),
                claim.attestations()));
        VerificationCertificate forged = new VerificationCertificate(CHAIN, certificate.requestId(),
                certificate.requestAccount(), certificate.requestHeight(), certificate.validatorSetHash(), certificate.pool(),
                certificate.committeeSize(), certificate.thresholdBps(), certificate.requestBlockHash(), claims);
        CliRunner.Result result = new CliRunner().run("verify", "check", write(forged).toString(), "--json");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.json().get("valid").booleanValue()).isFalse();
        assertThat(result.json().get("error").textValue()).startsWith("VERDICT_MISMATCH: claim 2");
    }

    @Test
    void otherChainIsInvalid() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString(),
                "--chain-id", "mira-testnet");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stdout()).startsWith("certificate: INVALID: WRONG_CHAIN:");
    }

    @Test
    void malformedFileIsInvalidAndMissingFileFails() throws IOException {
        Path file = directory.resolve("broken.json");
        Files.writeString(file, CertificateJson.write(certificate).replace("\"request_height\"", "\"height\""));
        CliRunner.Result malformed = new CliRunner().run("verify", "check", file.toString());
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(malformed.stdout()).startsWith("certificate: INVALID: MALFORMED: certificate has unknown field 'height'");
        CliRunner.Result missing = new CliRunner().run("verify", "check", directory.resolve("none.json").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stderr()).contains("cannot read certificate file");
    }

    @Test
    void badSetHashIsAUsageError() throws IOException {
        CliRunner.Result result = new CliRunner().run("verify", "check", write(certificate).toString(),
                "--set-hash", "not-base58!");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private Path write(VerificationCertificate value) throws IOException {
        Path file = Files.createTempFile(directory, "cert", ".json");
        Files.writeString(file, CertificateJson.write(value));
        return file;
    }
}
