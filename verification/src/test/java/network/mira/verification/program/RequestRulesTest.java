package network.mira.verification.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.Transaction;
import network.mira.svm.TransactionError;
import network.mira.svm.TransactionResult;
import network.mira.verification.attestation.RequestId;
import network.mira.verification.claims.ClaimDecomposer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests: what the program records, what it refuses and why, the draft path for long texts, the draw. */
class RequestRulesTest {
    private final VerificationChain chain = new VerificationChain(VerificationProgramTest.PARAMETERS, 10, 20, 30, 40);
    private final KeyPair requester = VerificationChain.key("requester");

    @BeforeEach
    void fund() {
        chain.fund(requester.publicKey(), 100 * VerificationChain.MIRA);
    }

    @Test
    void aTextRequestRecordsItsClaimsEscrowsTheFeeAndIsDrawnFromTheNextBlocksParent() throws Exception {
        String text = "Paris is the capital of France. The Seine flows through it, and it has many bridges.";
        long balance = chain.lamports(requester.publicKey());
        assertThat(code(request(1, 50_000, 3, 7_500, RequestBody.text(text)))).isEqualTo("OK");
        PublicKey address = VerificationProgram.requestAddress(requester.publicKey(), 1);
        RequestRecord recorded = chain.request(address);
        long requestHeight = chain.height() - 1;
        assertThat(recorded.phase()).isEqualTo(RequestPhase.AWAITING_DRAW);
        assertThat(recorded.claimHashes()).isEqualTo(ClaimDecomposer.decompose(text).stream()
                .map(network.mira.verification.claims.Claim::hash).toList());
        assertThat(recorded.thresholdBps()).isEqualTo(7_500);
        assertThat(chain.lamports(address)).isEqualTo(50_000);
        assertThat(chain.lamports(requester.publicKey())).isEqualTo(balance - 50_000 - chain.feesPaid());

        chain.block();
        RequestRecord drawn = chain.request(address);
        assertThat(drawn.phase()).isEqualTo(RequestPhase.OPEN);
        assertThat(drawn.draw().requestBlockHash()).isEqualTo(VerificationChain.blockHash(requestHeight));
        assertThat(drawn.draw().commitDeadline()).isEqualTo(requestHeight + 1 + 2);
        assertThat(drawn.draw().revealDeadline()).isEqualTo(requestHeight + 1 + 4);
        assertThat(drawn.draw().requestId()).isEqualTo(RequestId.of(address, requestHeight,
                drawn.draw().requestBlockHash(), drawn.draw().poolHash(), 3, 7_500, drawn.claimHashes()));
        assertThat(drawn.claims()).allSatisfy(claim -> assertThat(claim.seats()).hasSize(3)
                .extracting(MemberSlot::poolIndex).doesNotHaveDuplicates());
        assertThat(RequestRecord.decode(drawn.encode())).isEqualTo(drawn);
    }

    @Test
    void refusalsNameTheirReasonAndChangeNothingButTheFee() {
        assertThat(code(request(1, 999, 0, 0, RequestBody.text("The sky is blue.")))).isEqualTo("FeeTooLow");
        assertThat(code(request(1, 5_000, 17, 0, RequestBody.text("The sky is blue."))))
                .isEqualTo("InvalidCommitteeSize");
        assertThat(code(request(1, 5_000, 0, 5_000, RequestBody.text("The sky is blue."))))
                .isEqualTo("InvalidThreshold");
        assertThat(code(request(1, 5_000, 0, 0, RequestBody.text("  ... ")))).isEqualTo("ClaimsRefused");
        assertThat(code(request(1, 5_000, 0, 0, RequestBody.claims(List.of())))).isEqualTo("ClaimsRefused");
        assertThat(chain.state()).doesNotContainKey(VerificationProgram.requestAddress(requester.publicKey(), 1));
        assertThat(code(request(1, 5_000, 0, 0, RequestBody.text("The sky is blue.")))).isEqualTo("OK");
        assertThat(code(request(1, 5_000, 0, 0, RequestBody.text("The sky is green.")))).isEqualTo("RequestExists");
    }

    @Test
    void oneBlockOpensAtMostTheGenesisNumberOfRequests() {
        List<Transaction> transactions = new ArrayList<>();
        for (int nonce = 0; nonce <= VerificationProgramTest.PARAMETERS.maxRequestsPerBlock(); nonce++) {
            transactions.add(chain.transaction(requester, VerificationProgram.request(requester.publicKey(), nonce,
                    5_000, 0, 0, RequestBody.text("Claim number " + nonce + " is true."))));
        }
        List<TransactionResult> results = chain.block(transactions.toArray(Transaction[]::new));
        assertThat(results.subList(0, results.size() - 1)).allMatch(TransactionResult::succeeded);
        assertThat(code(results.get(results.size() - 1))).isEqualTo("RequestQueueFull");
        chain.block();
        assertThat(chain.request(VerificationProgram.requestAddress(requester.publicKey(), 0)).phase())
                .isEqualTo(RequestPhase.OPEN);
    }

    @Test
    void aTextLongerThanATransactionGoesThroughADraft() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("Statement number ").append(i).append(" is about the number ").append(i * 7).append(". ");
        }
        byte[] body = RequestBody.text(text.toString()).encode();
        assertThat(body.length).isGreaterThan(network.mira.core.block.Block.MAX_TRANSACTION_BYTES);
        for (int offset = 0; offset < body.length; offset += 700) {
            byte[] chunk = Arrays.copyOfRange(body, offset, Math.min(body.length, offset + 700));
            assertThat(code(chain.run(tx(VerificationProgram.writeDraft(requester.publicKey(), 3, offset, chunk)))))
                    .isEqualTo("OK");
        }
        assertThat(code(chain.run(tx(VerificationProgram.writeDraft(requester.publicKey(), 3, 5, new byte[1])))))
                .isEqualTo("DraftOffsetMismatch");
        assertThat(code(chain.run(tx(VerificationProgram.requestFromDraft(requester.publicKey(), 3, 5_000, 0, 0)))))
                .isEqualTo("OK");
        assertThat(chain.request(VerificationProgram.requestAddress(requester.publicKey(), 3)).claims()).hasSize(40);
        assertThat(chain.state()).as("the emptied draft holds nothing, so it is gone")
                .doesNotContainKey(VerificationProgram.draftAddress(requester.publicKey(), 3));
        assertThat(code(chain.run(tx(VerificationProgram.requestFromDraft(requester.publicKey(), 4, 5_000, 0, 0)))))
                .isEqualTo("DraftMissing");
    }

    @Test
    void malformedInstructionDataIsRefusedAtValidation() {
        VerificationProgramRuntime runtime = new VerificationProgramRuntime(VerificationChain.CHAIN_ID,
                VerificationProgramTest.PARAMETERS);
        assertThatThrownBy(() -> runtime.validate(new byte[] {9})).hasMessageContaining("unknown");
        byte[] badUtf8 = new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                (byte) 0xff};
        assertThatThrownBy(() -> runtime.validate(badUtf8)).hasMessageContaining("UTF-8");
    }

    private TransactionResult request(long nonce, long fee, int committee, int threshold, RequestBody body) {
        return chain.run(tx(VerificationProgram.request(requester.publicKey(), nonce, fee, committee, threshold, body)));
    }

    private Transaction tx(Instruction instruction) {
        return chain.transaction(requester, instruction);
    }

    private static String code(TransactionResult result) {
        return result.error().map(TransactionError::code).orElse("OK");
    }
}
