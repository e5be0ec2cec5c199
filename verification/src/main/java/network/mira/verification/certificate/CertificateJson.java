package network.mira.verification.certificate;

import network.mira.verification.verdict.FinalVerdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;

/**
 * The JSON form of a certificate, for files ({@code mira verify cert … --out F}, {@code mira verify
 * check F}). Field names are snake_case; hashes, keys and signatures base58; salts hex; stakes and
 * heights JSON integers. Reading is strict: every field is required, no other field is allowed, and
 * the values must satisfy the same bounds as the binary form, so a file means exactly one certificate.
 */
public final class CertificateJson {
    /** Largest JSON file read: a certificate at its bounds is far smaller. */
    public static final int MAX_JSON_CHARS = 32 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HexFormat HEX = HexFormat.of();

    private CertificateJson() {}

    public static String write(VerificationCertificate certificate) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VerificationCertificate.VERSION);
        root.put("chain_id", certificate.chainId());
        root.put("request_id", certificate.requestId().toBase58());
        root.put("request", certificate.requestAccount().toBase58());
        root.put("request_height", certificate.requestHeight());
        root.put("validator_set_hash", certificate.validatorSetHash().toBase58());
        ArrayNode pool = root.putArray("pool");
        for (CommitteeCandidate candidate : certificate.pool()) {
            pool.addObject().put("identity", candidate.identity().toBase58()).put("stake", candidate.stake());
        }
        root.put("committee_size", certificate.committeeSize());
        root.put("threshold_bps", certificate.thresholdBps());
        root.put("request_block_hash", certificate.requestBlockHash().toBase58());
        ArrayNode claims = root.putArray("claims");
        for (ClaimResult claim : certificate.claims()) {
            writeClaim(claims.addObject(), claim);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write certificate JSON: " + e.getMessage(), e);
        }
    }

    private static void writeClaim(ObjectNode node, ClaimResult claim) {
        node.put("index", claim.index()).put("text", claim.text()).put("hash", claim.hash().toBase58())
                .put("verdict", claim.verdict().name()).put("stake_true", claim.tally().trueStake())
                .put("stake_false", claim.tally().falseStake()).put("stake_uncertain", claim.tally().uncertainStake())
                .put("stake_missing", claim.tally().missingStake());
        ArrayNode attestations = node.putArray("attestations");
        for (Attestation attestation : claim.attestations()) {
            attestations.addObject().put("validator", attestation.validator().toBase58())
                    .put("verdict", attestation.verdict().name()).put("salt", HEX.formatHex(attestation.salt()))
                    .put("signature", attestation.signature().toBase58());
        }
    }

    /** @throws InvalidCertificateJsonException naming the field that is missing, extra or wrong */
    public static VerificationCertificate read(String json) throws InvalidCertificateJsonException {
        if (json.length() > MAX_JSON_CHARS) {
            throw new InvalidCertificateJsonException("certificate JSON is larger than " + MAX_JSON_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCertificateJsonException("not JSON: " + e.getOriginalMessage());
        }
        try {
            return readRoot(root);
        } catch (IllegalArgumentException e) {
            throw new InvalidCertificateJsonException(e.getMessage());
        }
    }

    private static VerificationCertificate readRoot(JsonNode root) throws InvalidCertificateJsonException {
        fields(root, "certificate", "version", "chain_id", "request_id", "request", "request_height", "validator_set_hash", "pool",
                "committee_size", "threshold_bps", "request_block_hash", "claims");
        if (integer(root, "version") != VerificationCertificate.VERSION) {
            throw new InvalidCertificateJsonException("version must be " + VerificationCertificate.VERSION);
        }
        Hash requestId = Hash.fromBase58(text(root, "request_id"));
        List<CommitteeCandidate> pool = new ArrayList<>();
        for (JsonNode candidate : array(root, "pool")) {
            fields(candidate, "pool entry", "identity", "stake");
            pool.add(new CommitteeCandidate(PublicKey.fromBase58(text(candidate, "identity")), integer(candidate, "stake")));
        }
        List<ClaimResult> claims = new ArrayList<>();
        for (JsonNode claim : array(root, "claims")) {
            claims.add(readClaim(claim, requestId));
        }
        return new VerificationCertificate(text(root, "chain_id"), requestId, PublicKey.fromBase58(text(root, "request")), integer(root, "request_height"),
                Hash.fromBase58(text(root, "validator_set_hash")), pool, int32(root, "committee_size"),
                int32(root, "threshold_bps"), Hash.fromBase58(text(root, "request_block_hash")), claims);
    }

    private static ClaimResult readClaim(JsonNode claim, Hash requestId) throws InvalidCertificateJsonException {
        fields(claim, "claim", "index", "text", "hash", "verdict", "stake_true", "stake_false", "stake_uncertain",
                "stake_missing", "attestations");
        int index = int32(claim, "index");
        List<Attestation> attestations = new ArrayList<>();
        for (JsonNode attestation : array(claim, "attestations")) {
            fields(attestation, "attestation", "validator", "verdict", "salt", "signature");
            attestations.add(new Attestation(requestId, index, Verdict.valueOf(text(attestation, "verdict")),
                    HEX.parseHex(text(attestation, "salt")), PublicKey.fromBase58(text(attestation, "validator")),
                    Signature.fromBase58(text(attestation, "signature"))));
        }
        StakeTally tally = new StakeTally(integer(claim, "stake_true"), integer(claim, "stake_false"),
                integer(claim, "stake_uncertain"), integer(claim, "stake_missing"));
        return new ClaimResult(index, text(claim, "text"), Hash.fromBase58(text(claim, "hash")),
                FinalVerdict.valueOf(text(claim, "verdict")), tally, attestations);
    }

    private static void fields(JsonNode node, String what, String... names) throws InvalidCertificateJsonException {
        if (node == null || !node.isObject()) {
            throw new InvalidCertificateJsonException(what + " must be a JSON object");
        }
        Set<String> expected = new TreeSet<>(List.of(names));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!expected.contains(name)) {
                throw new InvalidCertificateJsonException(what + " has unknown field '" + name + "'");
            }
        }
        for (String name : names) {
            if (!node.has(name)) {
                throw new InvalidCertificateJsonException(what + " lacks field '" + name + "'");
            }
        }
    }

    private static String text(JsonNode node, String name) throws InvalidCertificateJsonException {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new InvalidCertificateJsonException("'" + name + "' must be a string");
        }
        return value.textValue();
    }

    /** A non-negative integer that fits a signed 64-bit long. */
    private static long integer(JsonNode node, String name) throws InvalidCertificateJsonException {
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new InvalidCertificateJsonException("'" + name + "' must be an integer in 0.." + Long.MAX_VALUE);
        }
        return value.longValue();
    }

    private static int int32(JsonNode node, String name) throws InvalidCertificateJsonException {
        long value = integer(node, name);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidCertificateJsonException("'" + name + "' must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static JsonNode array(JsonNode node, String name) throws InvalidCertificateJsonException {
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new InvalidCertificateJsonException("'" + name + "' must be an array");
        }
        return value;
    }
}
