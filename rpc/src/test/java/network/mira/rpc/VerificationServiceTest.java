package network.mira.rpc;

import static network.mira.rpc.RpcAssertions.assertRpcError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Transaction;
import network.mira.rpc.service.VerificationGrpcService;
import network.mira.rpc.v1.ClaimVerdict;
import network.mira.rpc.v1.CommitteeSeat;
import network.mira.rpc.v1.GetCertificateRequest;
import network.mira.rpc.v1.GetCertificateResponse;
import network.mira.rpc.v1.GetVerificationRequestRequest;
import network.mira.rpc.v1.GetVerifierStatsRequest;
import network.mira.rpc.v1.GetVerifierStatsResponse;
import network.mira.rpc.v1.StreamVerificationResultsRequest;
import network.mira.rpc.v1.SubmitVerificationRequest;
import network.mira.rpc.v1.SubmitVerificationResponse;
import network.mira.rpc.v1.VerificationPhase;
import network.mira.rpc.v1.VerificationRequest;
import network.mira.rpc.v1.VerificationResult;
import network.mira.rpc.v1.VerificationServiceGrpc;
import network.mira.rpc.v1.VerifierStats;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.attestation.AttestationCommitment;
import network.mira.verification.certificate.CertificateChecker;
import network.mira.verification.certificate.CertificateJson;
import network.mira.verification.certificate.VerificationCertificate;
import network.mira.verification.program.RequestBody;
import network.mira.verification.program.VerificationInstruction;
import network.mira.verification.program.VerificationProgram;
import network.mira.verification.verifier.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VerificationService over real gRPC against a real ledger running the real verification program: a
 * request submitted through the service, followed through every phase (awaiting the draw, commit,
 * reveal, resolved) as four verifiers commit and reveal, its certificate checked as `mira verify check`
 * would, its result streamed once, and the verifiers' statistics; and the refusals.
 */
class VerificationServiceTest {
    private static final List<String> CLAIMS = List.of("Paris is the capital of France", "The Moon is made of cheese");
    private static final long FEE = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private TestNode node;
    private VerificationServiceGrpc.VerificationServiceBlockingStub verification;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir, TestNode.Options.defaults().withVerification());
        verification = VerificationServiceGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Transaction requestTransaction(long nonce) {
        return TestNode.sign(node.alice, List.of(VerificationProgram.request(node.alice.publicKey(), nonce, FEE, 4, 0,
                RequestBody.claims(CLAIMS))), node.headHash());
    }

    private SubmitVerificationResponse submit(Transaction transaction) {
        return verification.submitRequest(SubmitVerificationRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(transaction.serialize())).build());
    }

    private VerificationRequest get(PublicKey request) {
        return verification.getRequest(GetVerificationRequestRequest.newBuilder().setRequest(request.toBase58())
                .build()).getRequest();
    }

    private GetCertificateResponse certificate(PublicKey request) {
        return verification.getCertificate(GetCertificateRequest.newBuilder().setRequest(request.toBase58()).build());
    }

    /** One verifier's attestations on every claim: the truth (claim 0 TRUE, claim 1 FALSE). */
    private List<Attestation> attest(KeyPair member, VerificationRequest request) {
        List<Attestation> attestations = new ArrayList<>();
        for (int i = 0; i < request.getClaimsCount(); i++) {
            byte[] salt = new byte[AttestationCommitment.SALT_LENGTH];
            RANDOM.nextBytes(salt);
            attestations.add(Attestation.sign(node.parameters.chainId(), Hash.fromBase58(request.getRequestId()), i,
                    i == 0 ? Verdict.TRUE : Verdict.FALSE, salt, member));
        }
        return attestations;
    }

    private void submitAll(List<Transaction> transactions) {
        for (Transaction transaction : transactions) {
            assertThat(node.mempool.submit(transaction.serialize()).isAccepted()).isTrue();
        }
    }

    private void produceUntil(long height) {
        while (node.ledger.finalizedHeight() < height) {
            node.produceBlock();
        }
    }

    @Test
    void aRequestGoesThroughEveryPhaseResolvesWithACheckableCertificateAndIsStreamedOnce() throws Exception {
        ResultCollector stream = new ResultCollector();
        VerificationServiceGrpc.newStub(node.channel).streamResults(StreamVerificationResultsRequest.getDefaultInstance(),
                stream);
        Await.until(() -> node.results.streamCount() == 1, "the result stream is subscribed");

        SubmitVerificationResponse submitted = submit(requestTransaction(1));
        PublicKey request = VerificationProgram.requestAddress(node.alice.publicKey(), 1);
        assertThat(submitted.getRequest()).isEqualTo(request.toBase58());
        assertRpcError(() -> get(request), Status.Code.NOT_FOUND, VerificationGrpcService.REQUEST_NOT_FOUND);

        node.produceBlock();
        VerificationRequest awaiting = get(request);
        assertThat(awaiting.getPhase()).isEqualTo(VerificationPhase.VERIFICATION_PHASE_AWAITING_DRAW);
        assertThat(awaiting.getClaimsList()).allSatisfy(claim -> assertThat(claim.getCommitteeList()).isEmpty());
        assertThat(awaiting.getRequestId()).isEmpty();
        assertRpcError(() -> certificate(request), Status.Code.FAILED_PRECONDITION,
                VerificationGrpcService.REQUEST_NOT_RESOLVED);

        node.produceBlock(); // draws the committees
        VerificationRequest open = get(request);
        assertThat(open.getPhase()).isEqualTo(VerificationPhase.VERIFICATION_PHASE_COMMIT);
        assertThat(open.getCommitteeSize()).isEqualTo(4);
        assertThat(open.getClaimsList()).allSatisfy(claim -> assertThat(claim.getCommitteeList()).hasSize(4)
                .allSatisfy(seat -> {
                    assertThat(seat.getStake()).isEqualTo(TestNode.VERIFIER_STAKE);
                    assertThat(seat.getCommitted()).isFalse();
                }));
        assertThat(open.getValidatorSetHash()).isNotEmpty();
        assertRpcError(() -> certificate(request), Status.Code.FAILED_PRECONDITION,
                VerificationGrpcService.REQUEST_NOT_RESOLVED);

        List<List<Attestation>> sealed = node.verifiers.stream().map(member -> attest(member, open)).toList();
        List<Transaction> commits = new ArrayList<>();
        for (int m = 0; m < sealed.size(); m++) {
            commits.add(TestNode.sign(node.verifiers.get(m), List.of(VerificationProgram.commit(
                    node.verifiers.get(m).publicKey(), request, sealed.get(m).stream().map(a ->
                            new VerificationInstruction.CommitEntry(a.claimIndex(), a.commitment())).toList())),
                    node.headHash()));
        }
        submitAll(commits);
        node.produceBlock();
        assertThat(get(request).getClaimsList()).allSatisfy(claim -> assertThat(claim.getCommitteeList())
                .allMatch(CommitteeSeat::getCommitted));

        produceUntil(open.getCommitDeadline());
        VerificationRequest revealing = get(request);
        assertThat(revealing.getPhase()).as("the next block is past the commit deadline")
                .isEqualTo(VerificationPhase.VERIFICATION_PHASE_REVEAL);
        List<Transaction> reveals = new ArrayList<>();
        for (int m = 0; m < sealed.size(); m++) {
            reveals.add(TestNode.sign(node.verifiers.get(m), List.of(VerificationProgram.reveal(
                    node.verifiers.get(m).publicKey(), request, sealed.get(m).stream().map(a ->
                            new VerificationInstruction.RevealEntry(a.claimIndex(), a.verdict(), a.salt(),
                                    a.signature())).toList())), node.headHash()));
        }
        submitAll(reveals);
        node.produceBlock();
        assertThat(get(request).getClaims(0).getCommitteeList()).allSatisfy(seat -> {
            assertThat(seat.getRevealed()).isTrue();
            assertThat(seat.getVerdict()).isEqualTo("TRUE");
        });

        produceUntil(open.getRevealDeadline() + 1);
        VerificationRequest resolved = get(request);
        assertThat(resolved.getPhase()).isEqualTo(VerificationPhase.VERIFICATION_PHASE_RESOLVED);
        assertThat(resolved.getClaims(0).getVerdict()).isEqualTo(ClaimVerdict.CLAIM_VERDICT_TRUE);
        assertThat(resolved.getClaims(0).getStakeTrue()).isEqualTo(4 * TestNode.VERIFIER_STAKE);
        assertThat(resolved.getClaims(1).getVerdict()).isEqualTo(ClaimVerdict.CLAIM_VERDICT_FALSE);
        assertThat(resolved.getClaims(1).getStakeFalse()).isEqualTo(4 * TestNode.VERIFIER_STAKE);
        assertThat(resolved.getSettledHeight()).isPositive();
        assertThat(resolved.getPaid() + resolved.getRefunded()).isEqualTo(FEE);

        GetCertificateResponse answer = certificate(request);
        VerificationCertificate fromJson = CertificateJson.read(answer.getJson());
        assertThat(VerificationCertificate.decode(answer.getBinary().toByteArray())).isEqualTo(fromJson);
        assertThat(CertificateChecker.check(fromJson, node.parameters.chainId(),
                Hash.fromBase58(open.getValidatorSetHash())).isValid()).isTrue();
        assertThat(fromJson.requestAccount()).isEqualTo(request);

        VerificationResult result = stream.next();
        assertThat(result.getHeight()).isEqualTo(resolved.getSettledHeight());
        assertThat(result.getRequest().getPhase()).isEqualTo(VerificationPhase.VERIFICATION_PHASE_RESOLVED);
        assertThat(result.getRequest().getRequest()).isEqualTo(request.toBase58());
        node.produceBlocks(3);
        // The block after three more: every result the stream had to send has been enqueued by now.
        assertThat(stream.received()).as("a request is streamed once, when it settles").isEmpty();

        GetVerifierStatsResponse stats = verification.getValidatorStats(GetVerifierStatsRequest.getDefaultInstance());
        assertThat(stats.getValidatorsList()).hasSize(4).allSatisfy(verifier -> {
            assertThat(verifier.getResolved()).isEqualTo(2);
            assertThat(verifier.getAgreed()).isEqualTo(2);
            assertThat(verifier.getAgreementPpm()).isEqualTo(1_000_000);
            assertThat(verifier.getRecentObservations()).as("the band tracker saw both").isEqualTo(2);
            assertThat(verifier.getInBand()).as("too few observations to judge").isTrue();
        });
        VerifierStats one = verification.getValidatorStats(GetVerifierStatsRequest.newBuilder()
                .setValidator(node.verifiers.get(0).publicKey().toBase58()).build()).getValidators(0);
        assertThat(one.getValidator()).isEqualTo(node.verifiers.get(0).publicKey().toBase58());
    }

    @Test
    void aTransactionThatOpensNoRequestIsRefusedAndNothingIsAdmitted() {
        Transaction transfer = node.transfer(node.alice, node.bob.publicKey(), 1_000);
        assertRpcError(() -> submit(transfer), Status.Code.INVALID_ARGUMENT,
                VerificationGrpcService.NOT_A_VERIFICATION_REQUEST);
        Transaction commit = TestNode.sign(node.alice, List.of(VerificationProgram.commit(node.alice.publicKey(),
                VerificationProgram.requestAddress(node.alice.publicKey(), 1),
                List.of(new VerificationInstruction.CommitEntry(0, Hash.sha256(new byte[] {1}))))), node.headHash());
        assertRpcError(() -> submit(commit), Status.Code.INVALID_ARGUMENT,
                VerificationGrpcService.NOT_A_VERIFICATION_REQUEST);
        Transaction two = TestNode.sign(node.alice, List.of(
                VerificationProgram.request(node.alice.publicKey(), 1, FEE, 0, 0, RequestBody.claims(CLAIMS)),
                VerificationProgram.request(node.alice.publicKey(), 2, FEE, 0, 0, RequestBody.claims(CLAIMS))),
                node.headHash());
        assertRpcError(() -> submit(two), Status.Code.INVALID_ARGUMENT,
                VerificationGrpcService.NOT_A_VERIFICATION_REQUEST);
        assertRpcError(() -> verification.submitRequest(SubmitVerificationRequest.newBuilder()
                .setTransaction(ByteString.copyFrom(new byte[] {1, 2, 3})).build()), Status.Code.INVALID_ARGUMENT,
                "UNDECODABLE");
        assertThat(node.mempool.size()).isZero();

        submit(requestTransaction(7));
        assertRpcError(() -> submit(requestTransaction(7)), Status.Code.ALREADY_EXISTS, "DUPLICATE");
    }

    @Test
    void unknownAccountsAndValidatorsAreNotFound() {
        PublicKey nobody = node.bob.publicKey();
        assertRpcError(() -> get(nobody), Status.Code.NOT_FOUND, VerificationGrpcService.REQUEST_NOT_FOUND);
        assertRpcError(() -> certificate(nobody), Status.Code.NOT_FOUND, VerificationGrpcService.REQUEST_NOT_FOUND);
        assertRpcError(() -> certificate(VerificationProgram.RECENT_RESULTS), Status.Code.NOT_FOUND,
                VerificationGrpcService.REQUEST_NOT_FOUND);
        assertRpcError(() -> verification.getValidatorStats(GetVerifierStatsRequest.newBuilder()
                .setValidator(nobody.toBase58()).build()), Status.Code.NOT_FOUND,
                VerificationGrpcService.VALIDATOR_NOT_FOUND);
        assertRpcError(() -> verification.getRequest(GetVerificationRequestRequest.newBuilder().setRequest("x0")
                .build()), Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
    }

    @Test
    void aChainWithoutTheProgramSaysSo() throws Exception {
        try (TestNode plain = new TestNode(dir.resolve("plain"), TestNode.Options.defaults())) {
            VerificationServiceGrpc.VerificationServiceBlockingStub stub =
                    VerificationServiceGrpc.newBlockingStub(plain.channel);
            assertRpcError(() -> stub.getRequest(GetVerificationRequestRequest.newBuilder()
                    .setRequest(plain.bob.publicKey().toBase58()).build()), Status.Code.FAILED_PRECONDITION,
                    VerificationGrpcService.VERIFICATION_NOT_ENABLED);
            assertRpcError(() -> stub.streamResults(StreamVerificationResultsRequest.getDefaultInstance()).hasNext(),
                    Status.Code.FAILED_PRECONDITION, VerificationGrpcService.VERIFICATION_NOT_ENABLED);
        }
    }

    /** Collects a StreamResults call. */
    private static final class ResultCollector implements StreamObserver<VerificationResult> {
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onNext(VerificationResult result) {
            events.add(result);
        }

        @Override
        public void onError(Throwable error) {
            events.add(error);
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }

        VerificationResult next() throws InterruptedException {
            Object event = events.poll(30, TimeUnit.SECONDS);
            if (event instanceof VerificationResult result) {
                return result;
            }
            throw new AssertionError("expected a result, got " + event);
        }

        List<Object> received() {
            return List.copyOf(events);
        }
    }
}
