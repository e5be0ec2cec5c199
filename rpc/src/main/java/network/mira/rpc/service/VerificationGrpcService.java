package network.mira.rpc.service;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.rpc.band.BandBook;
import network.mira.rpc.band.BandStatus;
import network.mira.rpc.stream.StreamFanOut;
import network.mira.rpc.v1.BandAlert;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetCertificateRequest;
import network.mira.rpc.v1.GetCertificateResponse;
import network.mira.rpc.v1.GetVerificationRequestRequest;
import network.mira.rpc.v1.GetVerificationRequestResponse;
import network.mira.rpc.v1.GetVerifierStatsRequest;
import network.mira.rpc.v1.GetVerifierStatsResponse;
import network.mira.rpc.v1.StreamBandAlertsRequest;
import network.mira.rpc.v1.StreamVerificationResultsRequest;
import network.mira.rpc.v1.SubmitVerificationRequest;
import network.mira.rpc.v1.SubmitVerificationResponse;
import network.mira.rpc.v1.VerificationResult;
import network.mira.rpc.v1.VerificationServiceGrpc;
import network.mira.rpc.v1.VerifierStats;
import network.mira.settlement.ledger.Ledger;
import network.mira.settlement.mempool.Mempool;
import network.mira.verification.certificate.CertificateJson;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.program.AttestorStats;
import network.mira.verification.program.RequestCertificates;
import network.mira.verification.program.RequestPhase;
import network.mira.verification.program.RequestRecord;

/**
 * Verification requests: submitted through mempool admission, then read from finalized state (status,
 * certificate, verifier statistics) or followed as finalized blocks settle them. The confidence band
 * in the statistics and alerts is this node's own view (docs/verification.md, "Confidence band").
 */
public final class VerificationGrpcService extends VerificationServiceGrpc.VerificationServiceImplBase {
    /** ErrorInfo reason on a chain that does not run the verification program. */
    public static final String VERIFICATION_NOT_ENABLED = "VERIFICATION_NOT_ENABLED";
    public static final String NOT_A_VERIFICATION_REQUEST = VerificationSubmission.NOT_A_VERIFICATION_REQUEST;
    public static final String REQUEST_NOT_FOUND = "REQUEST_NOT_FOUND";
    public static final String REQUEST_NOT_RESOLVED = "REQUEST_NOT_RESOLVED";
    public static final String VALIDATOR_NOT_FOUND = "VALIDATOR_NOT_FOUND";

    /** What this node computes beside the chain: the band and the two streams. */
    public record Views(BandBook band, StreamFanOut<VerificationResult> results, StreamFanOut<BandAlert> alerts) {}

    private final Ledger ledger;
    private final LedgerVerification accounts;
    private final Mempool mempool;
    private final String chainId;
    private final boolean enabled;
    private final Views views;

    /** @param enabled whether this chain runs the verification program (created with genesis parameters) */
    public VerificationGrpcService(Ledger ledger, Mempool mempool, String chainId, boolean enabled, Views views) {
        this.ledger = ledger;
        this.accounts = new LedgerVerification(ledger);
        this.mempool = mempool;
        this.chainId = chainId;
        this.enabled = enabled;
        this.views = views;
    }

    @Override
    public void submitRequest(SubmitVerificationRequest request,
                              StreamObserver<SubmitVerificationResponse> responses) {
        Responses.answer(responses, () -> {
            requireEnabled();
            byte[] transaction = request.getTransaction().toByteArray();
            PublicKey opened = VerificationSubmission.requestOpenedBy(transaction);
            Signature signature = Admission.submit(mempool, transaction);
            return SubmitVerificationResponse.newBuilder().setSignature(signature.toBase58())
                    .setRequest(opened.toBase58()).build();
        });
    }

    @Override
    public void getRequest(GetVerificationRequestRequest request,
                           StreamObserver<GetVerificationRequestResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey address = RequestFields.address("request", request.getRequest());
            requireEnabled();
            FinalizedRead<Optional<RequestRecord>> read = accounts.request(address);
            RequestRecord record = found(address, read);
            return GetVerificationRequestResponse.newBuilder()
                    .setRequest(VerificationProtoMapper.request(address, record, read.height()))
                    .setCommitment(Commitment.FINALIZED).setHeight(read.height()).build();
        });
    }

    @Override
    public void getCertificate(GetCertificateRequest request, StreamObserver<GetCertificateResponse> responses) {
        Responses.answer(responses, () -> {
            PublicKey address = RequestFields.address("request", request.getRequest());
            requireEnabled();
            FinalizedRead<Optional<RequestRecord>> read = accounts.request(address);
            RequestRecord record = found(address, read);
            if (record.phase() != RequestPhase.RESOLVED) {
                throw RpcErrors.error(Status.Code.FAILED_PRECONDITION, REQUEST_NOT_RESOLVED, REQUEST_NOT_RESOLVED
                        + ": request " + address + " is " + unresolved(record) + " at height " + read.height()
                        + "; only a resolved request has a certificate", Map.of("phase", record.phase().name()));
            }
            VerificationCertificate certificate = RequestCertificates.of(chainId, address, record);
            return GetCertificateResponse.newBuilder().setJson(CertificateJson.write(certificate))
                    .setBinary(ByteString.copyFrom(certificate.encode())).setHeight(read.height()).build();
        });
    }

    @Override
    public void streamResults(StreamVerificationResultsRequest request,
                              StreamObserver<VerificationResult> responses) {
        if (!enabled) {
            responses.onError(notEnabled());
            return;
        }
        views.results().subscribe((ServerCallStreamObserver<VerificationResult>) responses);
    }

    @Override
    public void getValidatorStats(GetVerifierStatsRequest request,
                                  StreamObserver<GetVerifierStatsResponse> responses) {
        Responses.answer(responses, () -> {
            Optional<PublicKey> one = request.getValidator().isEmpty() ? Optional.empty()
                    : Optional.of(RequestFields.address("validator", request.getValidator()));
            requireEnabled();
            FinalizedRead<Map<PublicKey, AttestorStats>> read = one.isPresent() ? single(one.get())
                    : accounts.allStats();
            GetVerifierStatsResponse.Builder out = GetVerifierStatsResponse.newBuilder().setHeight(read.height());
            read.value().forEach((identity, stats) -> out.addValidators(stats(identity, stats)));
            return out.build();
        });
    }

    @Override
    public void streamAlerts(StreamBandAlertsRequest request, StreamObserver<BandAlert> responses) {
        if (!enabled) {
            responses.onError(notEnabled());
            return;
        }
        views.alerts().subscribe((ServerCallStreamObserver<BandAlert>) responses);
    }

    private FinalizedRead<Map<PublicKey, AttestorStats>> single(PublicKey identity) {
        FinalizedRead<Optional<AttestorStats>> read = accounts.stats(identity);
        AttestorStats stats = read.value().orElseThrow(() -> RpcErrors.notFound(VALIDATOR_NOT_FOUND,
                VALIDATOR_NOT_FOUND + ": " + identity + " has no verifier record at height " + read.height()
                        + " (never on a committee whose claim resolved, or not a validator)"));
        return new FinalizedRead<>(Map.of(identity, stats), read.height());
    }

    private VerifierStats stats(PublicKey identity, AttestorStats stats) {
        VerifierStats.Builder out = VerifierStats.newBuilder().setValidator(identity.toBase58())
                .setResolved(stats.resolved()).setAgreed(stats.agreed())
                .setAgreementPpm(stats.resolved() == 0 ? 0 : (int) (stats.agreed() * 1_000_000 / stats.resolved()))
                .setWindowResolved(stats.windowResolved()).setWindowAgreed(stats.windowAgreed())
                .setMissedReveals(stats.missedReveals()).setEquivocations(stats.equivocations())
                .setGuessingSlashes(stats.guessingSlashes()).setExcludedUntilEpoch(stats.excludedUntilEpoch())
                .setInBand(true);
        views.band().status(identity).ifPresent(band -> band(out, band));
        return out.build();
    }

    private static void band(VerifierStats.Builder out, BandStatus band) {
        out.setRecentAgreementPpm(band.recentPpm()).setRecentObservations(band.observations())
                .setBandLowPpm(band.lowPpm()).setBandHighPpm(band.highPpm()).setInBand(band.inBand())
                .setAlerts(band.alerts());
    }

    private static RequestRecord found(PublicKey address, FinalizedRead<Optional<RequestRecord>> read) {
        return read.value().orElseThrow(() -> RpcErrors.notFound(REQUEST_NOT_FOUND, REQUEST_NOT_FOUND
                + ": no verification request at " + address + " at height " + read.height()
                + " (not submitted, not finalized yet, or not a request account)"));
    }

    private static String unresolved(RequestRecord record) {
        return switch (record.phase()) {
            case AWAITING_DRAW -> "awaiting its committee draw";
            case OPEN -> "open until its reveal deadline " + record.draw().revealDeadline();
            case CANCELLED -> "cancelled (no eligible validator; the fee was refunded)";
            case RESOLVED -> throw new IllegalStateException("resolved");
        };
    }

    private void requireEnabled() {
        if (!enabled) {
            throw notEnabled();
        }
    }

    private static StatusRuntimeException notEnabled() {
        return RpcErrors.error(Status.Code.FAILED_PRECONDITION, VERIFICATION_NOT_ENABLED, VERIFICATION_NOT_ENABLED
                + ": this chain does not run the verification program (its genesis has no parameters)", Map.of());
    }
}
