package network.mira.verification.certificate;

import network.mira.verification.verdict.Threshold;
import network.mira.verification.verdict.FinalVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.attestation.VerdictCodes;
import network.mira.verification.claims.ClaimLimits;
import network.mira.verification.committee.CandidatePool;
import network.mira.verification.committee.CommitteeCandidate;
import network.mira.verification.verifier.Verdict;

/**
 * The result of one verification request, checkable offline by {@link CertificateChecker}. The pool is
 * the list of (identity, stake) the committees were drawn from, in ascending identity order; its hash
 * ({@link #poolHash}) is the validator set hash, the same bytes as {@code ValidatorSet.hash()}.
 *
 * <p>Binary form (little endian, docs/verification.md "Certificates"):
 * <pre>
 * u8 version (2) ‖ chain id (u32 len + UTF-8, 1..64) ‖ request id 32 ‖ request account 32 ‖ u64 request height ‖
 * validator set hash 32 ‖ u32 pool size ‖ pool size × (identity 32 ‖ u64 stake) ‖
 * u32 committee size ‖ u32 threshold bps ‖ request block hash 32 ‖ u32 claim count ‖ per claim:
 *   u32 index ‖ text (u32 len + UTF-8, ≤ 512) ‖ hash 32 ‖ u8 verdict ‖ u64 × 4 stake true, false,
 *   uncertain, missing ‖ u32 attestation count ‖ per attestation: validator 32 ‖ u8 verdict ‖ salt 32 ‖
 *   signature 64
 * </pre>
 * An attestation's request id and claim index are the certificate's and the claim's, so they are not
 * repeated. Decoding accepts exactly one encoding per value: pool strictly ascending, claims indexed
 * 0, 1, … in order, attestations in {@link ClaimResult} order, no trailing bytes.
 */
public record VerificationCertificate(String chainId, Hash requestId, PublicKey requestAccount, long requestHeight,
                                      Hash validatorSetHash,
                                      List<CommitteeCandidate> pool, int committeeSize, int thresholdBps,
                                      Hash requestBlockHash, List<ClaimResult> claims) {
    /** 2: the request account, from which with the rest the checker recomputes the request id. */
    public static final int VERSION = 2;
    /** Most attestations per claim: no committee is larger than the pool. */
    public static final int MAX_ATTESTATIONS = CandidatePool.MAX_CANDIDATES;
    /** Largest binary certificate decoded: pool, claims and attestations at their bounds fit. */
    public static final int MAX_ENCODED_BYTES = 16 * 1024 * 1024;

    public VerificationCertificate {
        byte[] chain = Objects.requireNonNull(chainId, "chainId").getBytes(StandardCharsets.UTF_8);
        if (chain.length == 0 || chain.length > Attestation.MAX_CHAIN_ID_BYTES) {
            throw new IllegalArgumentException("chain id must be 1.." + Attestation.MAX_CHAIN_ID_BYTES + " bytes");
        }
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestAccount, "requestAccount");
        Objects.requireNonNull(validatorSetHash, "validatorSetHash");
        Objects.requireNonNull(requestBlockHash, "requestBlockHash");
        if (requestHeight < 0 || committeeSize < 1) {
            throw new IllegalArgumentException("request height must be >= 0 and committee size >= 1");
        }
        if (thresholdBps < Threshold.MIN_BPS || thresholdBps > Threshold.MAX_BPS) {
            throw new IllegalArgumentException("threshold must be " + Threshold.MIN_BPS + ".." + Threshold.MAX_BPS
                    + " bps, got " + thresholdBps);
        }
        pool = List.copyOf(pool);
        checkPoolOrder(pool);
        claims = List.copyOf(claims);
        checkClaims(claims, requestId);
    }

    private static void checkPoolOrder(List<CommitteeCandidate> pool) {
        if (pool.isEmpty() || pool.size() > CandidatePool.MAX_CANDIDATES) {
            throw new IllegalArgumentException("pool needs 1.." + CandidatePool.MAX_CANDIDATES + " candidates");
        }
        for (int i = 1; i < pool.size(); i++) {
            if (pool.get(i - 1).identity().compareTo(pool.get(i).identity()) >= 0) {
                throw new IllegalArgumentException("pool is not in strictly ascending identity order at " + i);
            }
        }
    }

    private static void checkClaims(List<ClaimResult> claims, Hash requestId) {
        if (claims.isEmpty() || claims.size() > ClaimLimits.MAX_CLAIMS) {
            throw new IllegalArgumentException("certificate needs 1.." + ClaimLimits.MAX_CLAIMS + " claims");
        }
        for (int i = 0; i < claims.size(); i++) {
            ClaimResult claim = claims.get(i);
            if (claim.index() != i) {
                throw new IllegalArgumentException("claim at position " + i + " has index " + claim.index());
            }
            if (claim.text().getBytes(StandardCharsets.UTF_8).length > ClaimLimits.MAX_CLAIM_BYTES) {
                throw new IllegalArgumentException("claim " + i + " is longer than " + ClaimLimits.MAX_CLAIM_BYTES + " bytes");
            }
            if (claim.attestations().size() > MAX_ATTESTATIONS) {
                throw new IllegalArgumentException("claim " + i + " has more than " + MAX_ATTESTATIONS + " attestations");
            }
            for (Attestation attestation : claim.attestations()) {
                if (!attestation.requestId().equals(requestId)) {
                    throw new IllegalArgumentException("claim " + i + " holds an attestation for request "
                            + attestation.requestId());
                }
            }
        }
    }

    /** SHA-256 of u32 count ‖ (identity ‖ u64 stake) in pool order: {@code ValidatorSet.hash()}'s bytes. */
    public static Hash poolHash(List<CommitteeCandidate> pool) {
        ByteWriter writer = new ByteWriter(4 + pool.size() * 40).u32(pool.size());
        for (CommitteeCandidate candidate : pool) {
            writer.raw(candidate.identity().bytes()).u64(candidate.stake());
        }
        return Hash.sha256(writer.toByteArray());
    }

    public byte[] encode() {
        ByteWriter writer = new ByteWriter(1024).u8(VERSION).string(chainId).raw(requestId.bytes())
                .raw(requestAccount.bytes())
                .u64(requestHeight).raw(validatorSetHash.bytes()).u32(pool.size());
        for (CommitteeCandidate candidate : pool) {
            writer.raw(candidate.identity().bytes()).u64(candidate.stake());
        }
        writer.u32(committeeSize).u32(thresholdBps).raw(requestBlockHash.bytes()).u32(claims.size());
        for (ClaimResult claim : claims) {
            StakeTally tally = claim.tally();
            writer.u32(claim.index()).string(claim.text()).raw(claim.hash().bytes()).u8(claim.verdict().code())
                    .u64(tally.trueStake()).u64(tally.falseStake()).u64(tally.uncertainStake())
                    .u64(tally.missingStake()).u32(claim.attestations().size());
            for (Attestation attestation : claim.attestations()) {
                writer.raw(attestation.validator().bytes()).u8(VerdictCodes
                        .code(attestation.verdict())).raw(attestation.salt()).raw(attestation.signature().bytes());
            }
        }
        return writer.toByteArray();
    }

    /** @throws DecodeException unless the bytes are exactly one canonical certificate */
    public static VerificationCertificate decode(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new DecodeException("certificate of " + bytes.length + " bytes exceeds " + MAX_ENCODED_BYTES);
        }
        ByteReader reader = new ByteReader(bytes);
        int version = reader.u8("version");
        if (version != VERSION) {
            throw new DecodeException("certificate version " + version + " is not " + VERSION);
        }
        String chainId = utf8(reader.bytes(Attestation.MAX_CHAIN_ID_BYTES, "chain id"), "chain id");
        Hash requestId = Hash.wrap(reader.raw(Hash.LENGTH, "request id"));
        PublicKey requestAccount = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "request account"));
        long requestHeight = nonNegative(reader.u64("request height"), "request height");
        Hash setHash = Hash.wrap(reader.raw(Hash.LENGTH, "validator set hash"));
        List<CommitteeCandidate> pool = decodePool(reader);
        long committeeSize = reader.u32("committee size");
        long thresholdBps = reader.u32("threshold bps");
        if (committeeSize < 1 || committeeSize > pool.size()) {
            throw new DecodeException("committee size " + committeeSize + " is outside 1.." + pool.size());
        }
        Hash blockHash = Hash.wrap(reader.raw(Hash.LENGTH, "request block hash"));
        long claimCount = reader.u32("claim count");
        if (claimCount < 1 || claimCount > ClaimLimits.MAX_CLAIMS) {
            throw new DecodeException("claim count " + claimCount + " is outside 1.." + ClaimLimits.MAX_CLAIMS);
        }
        List<ClaimResult> claims = new ArrayList<>((int) claimCount);
        for (int i = 0; i < claimCount; i++) {
            claims.add(decodeClaim(reader, i, requestId, pool.size()));
        }
        reader.expectEnd("certificate");
        try {
            return new VerificationCertificate(chainId, requestId, requestAccount, requestHeight, setHash, pool, (int) committeeSize,
                    (int) thresholdBps, blockHash, claims);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("certificate: " + e.getMessage());
        }
    }

    private static List<CommitteeCandidate> decodePool(ByteReader reader) throws DecodeException {
        long size = reader.u32("pool size");
        if (size < 1 || size > CandidatePool.MAX_CANDIDATES) {
            throw new DecodeException("pool size " + size + " is outside 1.." + CandidatePool.MAX_CANDIDATES);
        }
        List<CommitteeCandidate> pool = new ArrayList<>((int) size);
        for (int i = 0; i < size; i++) {
            PublicKey identity = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "pool identity"));
            long stake = reader.u64("pool stake");
            if (stake <= 0) {
                throw new DecodeException("pool candidate " + identity + " has stake " + Long.toUnsignedString(stake));
            }
            if (i > 0 && pool.get(i - 1).identity().compareTo(identity) >= 0) {
                throw new DecodeException("pool is not in strictly ascending identity order at " + i);
            }
            pool.add(new CommitteeCandidate(identity, stake));
        }
        return pool;
    }

    private static ClaimResult decodeClaim(ByteReader reader, int position, Hash requestId, int poolSize)
            throws DecodeException {
        long index = reader.u32("claim index");
        if (index != position) {
            throw new DecodeException("claim at position " + position + " has index " + index);
        }
        String text = utf8(reader.bytes(ClaimLimits.MAX_CLAIM_BYTES, "claim text"), "claim text");
        Hash hash = Hash.wrap(reader.raw(Hash.LENGTH, "claim hash"));
        int verdictCode = reader.u8("final verdict");
        if (verdictCode > 2) {
            throw new DecodeException("final verdict code must be 0, 1 or 2, got " + verdictCode);
        }
        StakeTally tally = new StakeTally(nonNegative(reader.u64("stake true"), "stake true"),
                nonNegative(reader.u64("stake false"), "stake false"),
                nonNegative(reader.u64("stake uncertain"), "stake uncertain"),
                nonNegative(reader.u64("stake missing"), "stake missing"));
        long count = reader.u32("attestation count");
        if (count > poolSize) {
            throw new DecodeException("claim " + position + " has " + count + " attestations, pool has " + poolSize);
        }
        List<Attestation> attestations = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            PublicKey validator = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "attestation validator"));
            Verdict verdict = Attestation.decodeVerdict(reader);
            byte[] salt = reader.raw(AttestationCommitment.SALT_LENGTH, "attestation salt");
            Signature signature = Signature.wrap(reader.raw(Signature.LENGTH, "attestation signature"));
            Attestation attestation = new Attestation(requestId, position, verdict, salt, validator, signature);
            if (i > 0 && ClaimResult.ORDER.compare(attestations.get(i - 1), attestation) > 0) {
                throw new DecodeException("claim " + position + ": attestations are not in canonical order at " + i);
            }
            attestations.add(attestation);
        }
        return new ClaimResult(position, text, hash, FinalVerdict.fromCode(verdictCode), tally, attestations);
    }

    private static long nonNegative(long value, String what) throws DecodeException {
        if (value < 0) {
            throw new DecodeException(what + " " + Long.toUnsignedString(value) + " exceeds " + Long.MAX_VALUE);
        }
        return value;
    }

    /** Strict UTF-8: malformed bytes are refused rather than replaced, so decoding stays one-to-one. */
    private static String utf8(byte[] bytes, String what) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DecodeException(what + " is not valid UTF-8");
        }
    }
}
