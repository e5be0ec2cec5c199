package network.mira.settlement.evidence;

import static network.mira.settlement.evidence.EvidenceFixtures.equivocation;
import static network.mira.settlement.evidence.TestChain.CHAIN_ID;
import static network.mira.settlement.evidence.TestChain.EQUIVOCATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.Hash;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.evidence.EvidenceRefusal.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool over a real ledger: verification, dedupe, bound, order, and what a finalized block takes. */
class EvidencePoolTest {
    @TempDir
    Path dir;
    private TestChain chain;

    @BeforeEach
    void open() {
        chain = new TestChain(dir.resolve("db"), 4);
    }

    @AfterEach
    void close() {
        chain.close();
    }

    private static DuplicateVoteEvidence evidence(long height, String name) {
        return equivocation(EQUIVOCATOR, CHAIN_ID, height, name);
    }

    private static void assertRefused(Optional<EvidenceRefusal> refusal, Reason reason) {
        assertThat(refusal).as("refusal").isPresent();
        assertThat(refusal.get().reason()).as(refusal.get().message()).isEqualTo(reason);
    }

    @Test
    void verifiedEvidenceIsPendingOnceWhicheverVoteCameFirst() {
        DuplicateVoteEvidence evidence = evidence(1, "a");

        assertThat(chain.pool.add(evidence)).isEmpty();
        Optional<EvidenceRefusal> again = chain.pool.add(new DuplicateVoteEvidence(evidence.second(), evidence.first()));

        assertThat(again).contains(new EvidenceRefusal(Reason.DUPLICATE,
                "evidence " + evidence.hash() + " is already pending"));
        assertThat(chain.pool.size()).isEqualTo(1);
        assertThat(chain.pool.contains(evidence.hash())).isTrue();
        assertThat(chain.pool.pending(10)).extracting(DuplicateVoteEvidence::hash).containsExactly(evidence.hash());
    }

    @Test
    void invalidEvidenceIsRefusedWithTheVerifiersReasonAndNotKept() {
        assertRefused(chain.pool.add(equivocation(EQUIVOCATOR, "another-chain", 1, "a")), Reason.INVALID_SIGNATURE);
        assertRefused(chain.pool.add(equivocation(EvidenceFixtures.key(7), CHAIN_ID, 1, "a")),
                Reason.UNKNOWN_VALIDATOR);
        // At genesis the height being decided is 1; height 2 has no votes yet.
        assertRefused(chain.pool.add(evidence(2, "a")), Reason.FUTURE_HEIGHT);
        assertThat(chain.pool.size()).isZero();
    }

    @Test
    void thePoolIsBounded() {
        for (int i = 0; i < 3; i++) {
            chain.produce();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(chain.pool.add(evidence(1 + i % 4, "fill " + i))).isEmpty();
        }
        assertThat(chain.pool.add(evidence(2, "one too many"))).contains(new EvidenceRefusal(Reason.POOL_FULL,
                "the evidence pool holds its maximum of 4 items"));
        assertThat(chain.pool.size()).isEqualTo(4);
    }

    @Test
    void pendingEvidenceComesOldestHeightFirstThenByHash() {
        for (int i = 0; i < 3; i++) {
            chain.produce();
        }
        List<DuplicateVoteEvidence> added = List.of(evidence(4, "d"), evidence(2, "b"), evidence(2, "c"),
                evidence(1, "a"));
        added.forEach(e -> assertThat(chain.pool.add(e)).isEmpty());

        List<DuplicateVoteEvidence> pending = chain.pool.pending(10);

        List<DuplicateVoteEvidence> expected = new ArrayList<>(added);
        expected.sort(java.util.Comparator.comparingLong(DuplicateVoteEvidence::height)
                .thenComparing(DuplicateVoteEvidence::hash));
        assertThat(pending).extracting(DuplicateVoteEvidence::hash)
                .containsExactlyElementsOf(expected.stream().map(DuplicateVoteEvidence::hash).toList());
        assertThat(pending.get(0).height()).isEqualTo(1);
        assertThat(pending.get(3).height()).isEqualTo(4);
        assertThat(chain.pool.pending(2)).hasSize(2);
        // A block at height 4 may only take evidence from heights 1..3.
        assertThat(chain.pool.evidenceFor(4, 10)).hasSize(3).allMatch(e -> e.height() < 4);
        assertThat(chain.pool.evidenceFor(5, 1)).extracting(DuplicateVoteEvidence::height).containsExactly(1L);
    }

    @Test
    void concurrentAddsOfTheSameEvidenceKeepOneCopy() throws Exception {
        chain.produce();
        List<DuplicateVoteEvidence> distinct = List.of(evidence(1, "a"), evidence(1, "b"), evidence(2, "c"));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Optional<EvidenceRefusal>>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                DuplicateVoteEvidence evidence = distinct.get(i % distinct.size());
                results.add(threads.submit(() -> chain.pool.add(evidence)));
            }
            long accepted = 0;
            for (Future<Optional<EvidenceRefusal>> result : results) {
                Optional<EvidenceRefusal> refusal = result.get();
                if (refusal.isEmpty()) {
                    accepted++;
                } else {
                    assertThat(refusal.get().reason()).isEqualTo(Reason.DUPLICATE);
                }
            }
            assertThat(accepted).isEqualTo(3);
            assertThat(chain.pool.size()).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void evidenceInAFinalizedBlockLeavesThePoolAndIsRefusedAsDuplicateAfterwards() {
        DuplicateVoteEvidence evidence = evidence(1, "a");
        assertThat(chain.pool.add(evidence)).isEmpty();
        // Block 1 is decided while height 1's votes are cast: the evidence waits for block 2.
        assertThat(chain.produce().block().evidence()).isEmpty();
        assertThat(chain.pool.size()).isEqualTo(1);

        var block2 = chain.produce().block();

        assertThat(block2.evidence()).containsExactly(evidence.encode());
        assertThat(chain.pool.size()).isZero();
        assertThat(chain.ledger.evidence(evidence.hash())).hasValueSatisfying(included ->
                assertThat(included.includedHeight()).isEqualTo(2));
        assertThat(chain.pool.add(evidence)).contains(new EvidenceRefusal(Reason.DUPLICATE,
                "evidence " + evidence.hash() + " is already in finalized block 2"));
        assertThat(chain.produce().block().evidence()).as("never included twice").isEmpty();
    }

    @Test
    void markIncludedDropsWhatAnotherPathFinalized() {
        DuplicateVoteEvidence a = evidence(1, "a");
        DuplicateVoteEvidence b = evidence(1, "b");
        chain.pool.add(a);
        chain.pool.add(b);

        chain.pool.markIncluded(List.of(a.hash(), Hash.ZERO));

        assertThat(chain.pool.pending(10)).extracting(DuplicateVoteEvidence::hash).containsExactly(b.hash());
    }

    @Test
    void expiredEvidenceIsRefusedAndDropped() {
        EvidencePool pool = new EvidencePool(new EvidenceVerifier(CHAIN_ID, chain.parameters.validators(), 2,
                Ed25519::verify), chain.ledger, 10);
        DuplicateVoteEvidence evidence = evidence(1, "a");
        assertThat(pool.add(evidence)).isEmpty();
        for (int i = 0; i < 3; i++) {
            pool.onFinalized(chain.produce(), 0);
        }
        // Finalized height 3: a block at 4 may include height 1 (age 2), one at 5 may not.
        assertThat(pool.evidenceFor(4, 10)).hasSize(1);
        assertThat(pool.evidenceFor(5, 10)).isEmpty();
        assertThat(pool.size()).as("dropped on the way").isZero();
        assertThat(pool.add(evidence)).as("block 4 may still include it").isEmpty();

        pool.onFinalized(chain.produce(), 0);

        assertThat(pool.size()).as("block 5 may not include it").isZero();
        assertThat(pool.add(evidence)).contains(new EvidenceRefusal(Reason.EXPIRED,
                "evidence from height 1 is 3 blocks old, more than the maximum of 2"));
    }
}
