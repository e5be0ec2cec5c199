package network.mira.verification.committee;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.mira.core.codec.ByteWriter;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

final class CommitteeFixtures {
    private CommitteeFixtures() {}

    /** The block hash of the published vectors: bytes 0x00, 0x01, ..., 0x1f. */
    static final Hash VECTOR_BLOCK_HASH = Hash.wrap(sequence());

    /** A key of 32 bytes all equal to {@code fill}: keys order as their fill bytes. */
    static PublicKey key(int fill) {
        byte[] bytes = new byte[PublicKey.LENGTH];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.wrap(bytes);
    }

    /** Candidates keyed 1, 2, 3, ... with the given stakes. */
    static CandidatePool pool(long... stakes) {
        List<CommitteeCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < stakes.length; i++) {
            candidates.add(new CommitteeCandidate(key(i + 1), stakes[i]));
        }
        return CandidatePool.of(candidates);
    }

    /** A distinct, reproducible block hash per sample number. */
    static Hash blockHash(long sample) {
        return Hash.sha256("sample".getBytes(StandardCharsets.US_ASCII), new ByteWriter().u64(sample).toByteArray());
    }

    /** The fill bytes of a committee's members, in identity order. */
    static List<Integer> fills(Committee committee) {
        return committee.members().stream().map(member -> member.identity().bytes()[0] & 0xFF).toList();
    }

    private static byte[] sequence() {
        byte[] bytes = new byte[Hash.LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
