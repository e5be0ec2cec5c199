package network.mira.verification.certificate;

import static network.mira.verification.certificate.CertificateFixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CertificateJsonTest {
    private final VerificationCertificate valid = certificate();

    @Test
    void jsonRoundTripIsExact() throws InvalidCertificateJsonException {
        String json = CertificateJson.write(valid);
        VerificationCertificate read = CertificateJson.read(json);
        assertThat(read).isEqualTo(valid);
        assertThat(read.encode()).isEqualTo(valid.encode());
        assertThat(CertificateJson.write(read)).isEqualTo(json);
    }

    @Test
    void jsonNamesFieldsInSnakeCase() {
        assertThat(CertificateJson.write(valid)).contains("\"chain_id\"", "\"validator_set_hash\"", "\"pool\"",
                "\"threshold_bps\" : 6667", "\"stake_true\"", "\"stake_missing\"", "\"attestations\"",
                "\"verdict\" : \"INCONCLUSIVE\"");
    }

    @Test
    void unknownMissingAndMistypedFieldsAreRefused() {
        String json = CertificateJson.write(valid);
        assertThatThrownBy(() -> CertificateJson.read(json.replaceFirst("\\{", "{\"extra\": 1,")))
                .isInstanceOf(InvalidCertificateJsonException.class).hasMessageContaining("unknown field 'extra'");
        assertThatThrownBy(() -> CertificateJson.read(json.replaceFirst("\"request_height\" : 100,", "")))
                .hasMessageContaining("lacks field 'request_height'");
        assertThatThrownBy(() -> CertificateJson.read(json.replaceFirst("\"request_height\" : 100", "\"request_height\" : -1")))
                .hasMessageContaining("'request_height' must be an integer");
        assertThatThrownBy(() -> CertificateJson.read(json.replaceFirst("\"verdict\" : \"TRUE\"", "\"verdict\" : \"MAYBE\"")))
                .isInstanceOf(InvalidCertificateJsonException.class);
        assertThatThrownBy(() -> CertificateJson.read("not json")).hasMessageContaining("not JSON");
    }
}
