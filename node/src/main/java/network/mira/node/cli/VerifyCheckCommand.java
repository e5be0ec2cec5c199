package network.mira.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mira.core.crypto.Hash;
import network.mira.rpc.v1.VerificationRequest;
import network.mira.verification.certificate.CertificateChecker;
import network.mira.verification.certificate.CertificateJson;
import network.mira.verification.certificate.CheckResult;
import network.mira.verification.certificate.ClaimResult;
import network.mira.verification.verdict.FinalVerdict;
import network.mira.verification.certificate.InvalidCertificateJsonException;
import network.mira.verification.certificate.VerificationCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mira verify check F}: checks a JSON certificate file offline. Without {@code --set-hash} the
 * certificate is checked against its own stated validator set, which proves it consistent but not that
 * the set is the chain's; a warning on stderr says so.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a verification certificate (JSON) offline: set hash, committees, signatures, "
                + "tallies and verdicts. Exit 1 if it is invalid.")
final class VerifyCheckCommand extends CliCommand {
    /** Largest certificate file read, in bytes. */
    static final long MAX_FILE_BYTES = CertificateJson.MAX_JSON_CHARS;

    @Parameters(index = "0", paramLabel = "FILE", description = "The certificate, as written by 'mira verify cert --out'.")
    Path file;

    @Option(names = "--set-hash", paramLabel = "HASH",
            description = "Trusted validator set hash (base58), e.g. from a block header. Default: the certificate's own.")
    String setHash;

    @Option(names = "--chain-id", paramLabel = "ID",
            description = "The chain the certificate must be for. Default: the certificate's own chain id.")
    String chainId;

    @Option(names = "--node",
            description = "Trust the node at --rpc instead: its chain id, and the validator set hash and request id "
                    + "it recorded on chain for the certificate's request.")
    boolean fromNode;

    @Option(names = "--validators", paramLabel = "FILE",
            description = "Trusted validator set from a file, as 'mira validators --json' prints it (active "
                    + "validators with voting power form the pool; remove any excluded for guessing).")
    Path validatorsFile;

    VerifyCheckCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Hash trusted = parseSetHash();
        VerificationCertificate certificate;
        try {
            certificate = CertificateJson.read(readFile());
        } catch (InvalidCertificateJsonException e) {
            return report(null, "MALFORMED: " + e.getMessage());
        }
        String chain = chainId == null ? certificate.chainId() : chainId;
        if (validatorsFile != null) {
            if (setHash != null || fromNode) {
                throw new CliException(ExitCodes.USAGE, "give one trusted set: --validators, --set-hash or --node");
            }
            trusted = VerificationCertificate.poolHash(TrustedValidatorsFile.read(validatorsFile).candidates());
        }
        if (fromNode) {
            if (setHash != null || chainId != null) {
                throw new CliException(ExitCodes.USAGE, "--node takes the set hash and chain id from the node; "
                        + "do not combine it with --set-hash or --chain-id");
            }
            NodeRecord record = nodeRecord(certificate);
            if (!record.requestId().equals(certificate.requestId().toBase58())) {
                return report(certificate, "REQUEST_MISMATCH: the node records request " + certificate.requestAccount()
                        + " with id " + record.requestId() + ", the certificate states " + certificate.requestId());
            }
            trusted = Hash.fromBase58(record.setHash());
            chain = record.chainId();
        }
        if (trusted == null) {
            err().println("warning: checked against the certificate's own validator set hash; "
                    + "pass --set-hash to check it against a trusted set");
            err().flush();
            trusted = certificate.validatorSetHash();
        }
        CheckResult result = CertificateChecker.check(certificate, chain, trusted);
        return report(certificate, result.isValid() ? null : result.detail());
    }

    private record NodeRecord(String chainId, String requestId, String setHash) {}

    /** What the node holds for the certificate's request: the trust anchor of {@code --node}. */
    private NodeRecord nodeRecord(VerificationCertificate certificate) {
        try (RpcClient rpc = connect(); VerificationClient verification = VerificationClient.connect(endpoint())) {
            VerificationRequest request = verification.request(certificate.requestAccount()).getRequest();
            if (request.getValidatorSetHash().isEmpty()) {
                throw CliException.failure("the node has not drawn request " + certificate.requestAccount() + " yet");
            }
            return new NodeRecord(rpc.nodeStatus().getChainId(), request.getRequestId(), request.getValidatorSetHash());
        }
    }

    private Hash parseSetHash() {
        if (setHash == null) {
            return null;
        }
        try {
            return Hash.fromBase58(setHash.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--set-hash '" + setHash + "' is not a base58 hash: " + e.getMessage());
        }
    }

    private String readFile() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw CliException.failure("certificate file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.failure("cannot read certificate file " + file + ": " + e.getMessage());
        }
    }

    /** @param error null when valid */
    private int report(VerificationCertificate certificate, String error) {
        int exitCode = error == null ? ExitCodes.OK : ExitCodes.FAILURE;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", error == null);
            out.put("error", error);
            out.put("claims", certificate == null ? List.of() : claims(certificate));
            printJson(out);
            return exitCode;
        }
        if (error != null) {
            printLine("certificate: INVALID: " + error);
            return exitCode;
        }
        List<ClaimResult> claims = certificate.claims();
        printLine("certificate: valid (" + claims.size() + " claims: " + count(claims, FinalVerdict.TRUE) + " true, "
                + count(claims, FinalVerdict.FALSE) + " false, " + count(claims, FinalVerdict.INCONCLUSIVE)
                + " inconclusive)");
        return exitCode;
    }

    private static long count(List<ClaimResult> claims, FinalVerdict verdict) {
        return claims.stream().filter(claim -> claim.verdict() == verdict).count();
    }

    private static List<Map<String, Object>> claims(VerificationCertificate certificate) {
        List<Map<String, Object>> claims = new ArrayList<>();
        for (ClaimResult claim : certificate.claims()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("text", claim.text());
            entry.put("verdict", claim.verdict().name());
            entry.put("stake_true", claim.tally().trueStake());
            entry.put("stake_false", claim.tally().falseStake());
            claims.add(entry);
        }
        return claims;
    }
}
