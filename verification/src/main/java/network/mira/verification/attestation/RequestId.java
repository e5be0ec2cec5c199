package network.mira.verification.attestation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The id every attestation of a request signs: a digest of everything that decides the request's
 * outcome, so a signature cannot be moved to a request with another height, committee size,
 * threshold, pool or claims. The hashed bytes are
 * <pre>
 * "mira/verify/request-id/v1" ‖ request account 32 ‖ u64 request height ‖ request block hash 32 ‖
 * validator set (pool) hash 32 ‖ u32 committee size ‖ u32 threshold bps ‖ u32 claim count ‖ claim hashes
 * </pre>
 * A certificate's checker recomputes it from the certificate's own fields.
 */
public final class RequestId {
    private static final byte[] DOMAIN = "mira/verify/request-id/v1".getBytes(StandardCharsets.US_ASCII);

    private RequestId() {}

    public static Hash of(PublicKey requestAccount, long requestHeight, Hash requestBlockHash, Hash poolHash,
                          int committeeSize, int thresholdBps, List<Hash> claimHashes) {
        ByteWriter writer = new ByteWriter(DOMAIN.length + 148 + claimHashes.size() * Hash.LENGTH).raw(DOMAIN)
                .raw(requestAccount.bytes()).u64(requestHeight).raw(requestBlockHash.bytes()).raw(poolHash.bytes())
                .u32(committeeSize).u32(thresholdBps).u32(claimHashes.size());
        for (Hash claimHash : claimHashes) {
            writer.raw(claimHash.bytes());
        }
        return Hash.sha256(writer.toByteArray());
    }
}
