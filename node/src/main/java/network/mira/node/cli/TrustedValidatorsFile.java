package network.mira.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.CommitteeCandidate;

/**
 * A validator set from a file, as {@code mira validators --json} prints it: a JSON array of objects
 * with {@code identity} and {@code voting_power} (or {@code stake}), and optionally {@code status}. The
 * pool committees are drawn from is the active validators with voting power, so entries whose status is
 * not {@code active} or whose power is 0 are left out.
 */
final class TrustedValidatorsFile {
    /** A set of 10,000 validators with every field fits well within this. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private TrustedValidatorsFile() {}

    static CandidatePool read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw CliException.failure("validators file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw CliException.failure("cannot read validators file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw CliException.failure("validators file " + file + " must hold a JSON array, as 'mira validators "
                    + "--json' prints");
        }
        List<CommitteeCandidate> pool = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            JsonNode status = entry.get("status");
            if (status != null && !"active".equals(status.asText())) {
                continue;
            }
            JsonNode power = entry.has("voting_power") ? entry.get("voting_power") : entry.get("stake");
            JsonNode identity = entry.get("identity");
            if (identity == null || !identity.isTextual() || power == null || !power.canConvertToLong()
                    || power.asLong() < 0) {
                throw CliException.failure("validators file " + file + ", entry " + i + ": needs \"identity\" "
                        + "(base58) and \"voting_power\" or \"stake\" (a non-negative integer)");
            }
            if (power.asLong() > 0) {
                pool.add(new CommitteeCandidate(key(identity.asText(), file, i), power.asLong()));
            }
        }
        try {
            return CandidatePool.of(pool);
        } catch (IllegalArgumentException e) {
            throw CliException.failure("validators file " + file + ": " + e.getMessage());
        }
    }

    private static PublicKey key(String text, Path file, int entry) {
        try {
            return PublicKey.fromBase58(text);
        } catch (IllegalArgumentException e) {
            throw CliException.failure("validators file " + file + ", entry " + entry + ": identity '" + text
                    + "' is not a base58 key");
        }
    }
}
