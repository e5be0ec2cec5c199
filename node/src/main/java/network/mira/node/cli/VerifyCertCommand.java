package network.mira.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mira.core.crypto.PublicKey;
import network.mira.rpc.v1.GetCertificateResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mira verify cert REQUEST [--out F]}: the certificate of a resolved request, as JSON. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Fetch the certificate of a resolved request (JSON, as 'mira verify check' reads it).")
final class VerifyCertCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "REQUEST", converter = Converters.Address.class,
            description = "The request account, as 'mira verify submit' prints it.")
    PublicKey request;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the certificate here instead of stdout.")
    Path outFile;

    VerifyCertCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        GetCertificateResponse certificate;
        try (VerificationClient verification = VerificationClient.connect(endpoint())) {
            certificate = verification.certificate(request);
        }
        if (outFile == null) {
            printLine(certificate.getJson());
            return ExitCodes.OK;
        }
        write(certificate.getJson());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request", request.toBase58());
        fields.put("out", outFile.toString());
        fields.put("bytes", certificate.getJson().getBytes(StandardCharsets.UTF_8).length);
        if (json) {
            printJson(fields);
        } else {
            printFields(fields);
        }
        return ExitCodes.OK;
    }

    /** Written whole or not at all: a temp file beside the target, then an atomic move. */
    private void write(String content) {
        Path target = outFile.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), ".cert", ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CliException.failure("cannot write certificate to " + outFile + ": " + e.getMessage());
        }
    }
}
