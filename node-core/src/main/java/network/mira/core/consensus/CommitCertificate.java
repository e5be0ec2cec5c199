package network.mira.core.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * Proof that a block is final: precommit signatures over (chain id, height, round, block hash,
 * state root) from more than two thirds of the validator set's stake. Stored with the block and
 * checkable offline by {@link CertificateVerifier}.
 */
public record CommitCertificate(long height, int round, Hash blockHash, Hash stateRoot,
                                List<CommitSignature> signatures) {
    /** More signatures than this cannot be a valid certificate for any set we accept. */
    public static final int MAX_SIGNATURES = 10_000;

    public CommitCertificate {
        List<CommitSignature> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing(CommitSignature::validator));
        signatures = List.copyOf(sorted);
    }

    public byte[] signBytes(String chainId) {
        return VoteSignBytes.of(chainId, height, round, VoteStep.PRECOMMIT, blockHash, stateRoot);
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(80 + signatures.size() * 96)
                .u64(height)
                .u32(round)
                .raw(blockHash.bytes())
                .raw(stateRoot.bytes())
                .u32(signatures.size());
        for (CommitSignature signature : signatures) {
            writer.raw(signature.validator().bytes()).raw(signature.signature().bytes());
        }
        return writer.toByteArray();
    }

    public static CommitCertificate decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        long height = reader.u64("certificate height");
        long round = reader.u32("certificate round");
        if (height < 0 || round > Integer.MAX_VALUE) {
            throw new DecodeException("certificate height or round out of range");
        }
        Hash blockHash = Hash.wrap(reader.raw(Hash.LENGTH, "certificate block hash"));
        Hash stateRoot = Hash.wrap(reader.raw(Hash.LENGTH, "certificate state root"));
        long count = reader.u32("certificate signature count");
        if (count > MAX_SIGNATURES) {
            throw new DecodeException("certificate has " + count + " signatures, more than " + MAX_SIGNATURES);
        }
        List<CommitSignature> signatures = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            PublicKey validator = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "certificate validator " + i));
            Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "certificate signature " + i));
            signatures.add(new CommitSignature(validator, signature));
        }
        reader.expectEnd("certificate");
        return new CommitCertificate(height, (int) round, blockHash, stateRoot, signatures);
    }
}
