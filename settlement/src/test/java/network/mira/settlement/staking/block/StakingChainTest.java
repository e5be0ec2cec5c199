package network.mira.settlement.staking.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.consensus.VoteStep;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.ledger.EpochReward;
import network.mira.settlement.production.BuiltBlock;
import network.mira.settlement.staking.SlashingEvent;
import network.mira.settlement.staking.StakingState;
import network.mira.settlement.staking.ValidatorStatus;
import network.mira.settlement.staking.program.StakeProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staking work consensus does per block, on real ledgers: the set follows stake exactly at the
 * epoch boundary, headers commit to the next set, downtime and double-signing are punished from what
 * blocks carry (last commits, evidence), rewards are paid and indexed, the supply adds up at every
 * height, and a second node replaying every block reaches the same roots and sets.
 */
class StakingChainTest {
    private static final KeyPair V0 = StakingChain.VALIDATORS.get(0);
    private static final KeyPair V2 = StakingChain.VALIDATORS.get(2);
    private static final KeyPair V3 = StakingChain.VALIDATORS.get(3);

    @TempDir
    Path dir;

    @Test
    void delegatedStakeChangesVotingPowerExactlyAtTheEpochBoundary() {
        try (StakingChain chain = new StakingChain(dir, Map.of())) {
            KeyPair stake = StakingChain.key(200);
            long amount = 3_000_000;
            Transaction create = chain.transaction(StakingChain.STAKER, StakeProgram.createStake(
                    StakingChain.STAKER.publicKey(), stake.publicKey(), amount), List.of(StakingChain.STAKER, stake));
            chain.produce(List.of(create), Set.of());
            Transaction delegate = chain.transaction(StakingChain.STAKER, List.of(StakeProgram.delegate(
                    stake.publicKey(), StakingChain.STAKER.publicKey(), V3.publicKey())), List.of(StakingChain.STAKER));
            chain.produce(List.of(delegate), Set.of());
            long expectedSupply = chain.state().supply().expectedTotal();
            long lastOfEpoch0 = StakingChain.EPOCH_BLOCKS - 1;
            while (chain.ledger().finalizedHeight() < lastOfEpoch0 - 1) {
                chain.produceEmpty(Set.of());
                assertThat(chain.ledgerLamports(Set.of(stake.publicKey()))).isEqualTo(expectedSupply);
            }
            BuiltBlock last = chain.produceEmpty(Set.of());

            assertThat(last.block().height()).isEqualTo(lastOfEpoch0);
            ValidatorSet epoch0 = chain.setAt(lastOfEpoch0);
            ValidatorSet epoch1 = chain.setAt(lastOfEpoch0 + 1);
            assertThat(epoch0.get(V3.publicKey()).map(Validator::stake)).contains(StakingChain.VALIDATOR_STAKE);
            assertThat(epoch1.get(V3.publicKey()).map(Validator::stake))
                    .hasValueSatisfying(power -> assertThat(power).isGreaterThanOrEqualTo(
                            StakingChain.VALIDATOR_STAKE + amount));
            assertThat(last.block().header().validatorSetHash()).isEqualTo(epoch0.hash());
            assertThat(last.block().header().nextValidatorSetHash()).isEqualTo(epoch1.hash()).isNotEqualTo(epoch0.hash());
            assertThat(last.nextValidatorSet()).contains(epoch1);
            assertThat(chain.followerLedger().validatorSetAt(lastOfEpoch0 + 1)).contains(epoch1);

            // The next block is signed by the new set; the follower verifies its last commit with the old one.
            BuiltBlock first = chain.produceEmpty(Set.of());
            assertThat(first.block().header().validatorSetHash()).isEqualTo(epoch1.hash());
            assertThat(first.block().header().nextValidatorSetHash()).isEqualTo(epoch1.hash());

            // Epoch 0's pool (issuance + the two transactions' fees) was paid out whole, and minted.
            long fees = 2 * StakingChain.LAMPORTS_PER_SIGNATURE + StakingChain.LAMPORTS_PER_SIGNATURE;
            List<EpochReward> rewards = chain.ledger().rewards(0);
            assertThat(rewards).hasSize(4);
            assertThat(rewards.stream().mapToLong(EpochReward::total).sum()).isEqualTo(StakingChain.ISSUANCE + fees);
            StakingState state = chain.state();
            assertThat(state.supply().issued()).isEqualTo(StakingChain.ISSUANCE);
            assertThat(chain.ledgerLamports(Set.of(stake.publicKey()))).isEqualTo(state.supply().expectedTotal());
            assertThat(chain.ledger().get(StakeProgram.STATE_ACCOUNT).orElseThrow().lamports())
                    .isEqualTo(state.totalStaked());
            assertThat(chain.followerLedger().headHeader()).isEqualTo(chain.ledger().headHeader());
        }
    }

    @Test
    void anOfflineValidatorIsJailedWithADowntimeSlashAndRejoinsAfterUnjailing() {
        Map<String, Long> downtime = Map.of("downtime_window", 6L, "downtime_min_signed_bps", 5_000L,
                "jail_blocks", 4L, "slash_downtime_bps", 100L);
        try (StakingChain chain = new StakingChain(dir, downtime)) {
            Set<PublicKey> v3Offline = Set.of(V3.publicKey());
            chain.produceUntil(8, v3Offline);

            StakingState state = chain.state();
            assertThat(state.validators().get(V3.publicKey()).status()).isEqualTo(ValidatorStatus.JAILED);
            SlashingEvent event = state.slashingEvents().get(0);
            assertThat(event.validator()).isEqualTo(V3.publicKey());
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.DOWNTIME);
            assertThat(event.amount()).isEqualTo(StakingChain.VALIDATOR_STAKE / 100);
            long jailedUntil = state.validators().get(V3.publicKey()).jailedUntilHeight();

            chain.produceUntil(StakingChain.EPOCH_BLOCKS - 1, v3Offline);
            assertThat(chain.setAt(StakingChain.EPOCH_BLOCKS).contains(V3.publicKey()))
                    .as("a jailed validator is not in the next epoch's set").isFalse();
            assertThat(chain.setAt(StakingChain.EPOCH_BLOCKS).size()).isEqualTo(3);

            // V3's identity sends the unjail transaction once the term is over; it counts from the next epoch.
            chain.produceUntil(Math.max(jailedUntil, StakingChain.EPOCH_BLOCKS + 1), Set.of());
            Transaction unjail = chain.transaction(V3, List.of(StakeProgram.unjail(V3.publicKey())), List.of(V3));
            BuiltBlock unjailed = chain.produce(List.of(unjail), Set.of());
            assertThat(unjailed.results().get(0).error()).isEmpty();
            assertThat(chain.state().validators().get(V3.publicKey()).status()).isNotEqualTo(ValidatorStatus.JAILED);
            assertThat(chain.setAt(chain.ledger().finalizedHeight() + 1).contains(V3.publicKey())).isFalse();

            chain.produceUntil(2L * StakingChain.EPOCH_BLOCKS - 1, Set.of());
            assertThat(chain.setAt(2L * StakingChain.EPOCH_BLOCKS).contains(V3.publicKey())).isTrue();
            assertThat(chain.state().validators().get(V3.publicKey()).status()).isEqualTo(ValidatorStatus.ACTIVE);
            assertThat(chain.followerLedger().headHeader()).isEqualTo(chain.ledger().headHeader());
        }
    }

    @Test
    void anUnjailBeforeTheTermEndsFailsWithItsReasonAndChangesNothingButTheFee() {
        Map<String, Long> downtime = Map.of("downtime_window", 4L, "downtime_min_signed_bps", 5_000L,
                "jail_blocks", 1_000L);
        try (StakingChain chain = new StakingChain(dir, downtime)) {
            chain.produceUntil(6, Set.of(V3.publicKey()));
            StakingState before = chain.state();
            assertThat(before.validators().get(V3.publicKey()).status()).isEqualTo(ValidatorStatus.JAILED);
            long balanceBefore = chain.ledger().get(V3.publicKey()).orElseThrow().lamports();

            Transaction unjail = chain.transaction(V3, List.of(StakeProgram.unjail(V3.publicKey())), List.of(V3));
            BuiltBlock block = chain.produce(List.of(unjail), Set.of(V3.publicKey()));

            assertThat(block.results().get(0).error()).hasValueSatisfying(error ->
                    assertThat(error.code()).isEqualTo("JAIL_NOT_OVER"));
            StakingState after = chain.state();
            assertThat(after.validators().get(V3.publicKey())).isEqualTo(before.validators().get(V3.publicKey()));
            assertThat(after.slashingEvents()).isEqualTo(before.slashingEvents());
            assertThat(chain.ledger().get(V3.publicKey()).orElseThrow().lamports())
                    .isEqualTo(balanceBefore - StakingChain.LAMPORTS_PER_SIGNATURE);
        }
    }

    @Test
    void aDoubleSignerIsSlashedAndTombstonedByTheEvidenceItsBlockCarriesAndNeverReturns() {
        try (StakingChain chain = new StakingChain(dir, Map.of())) {
            chain.produceUntil(4, Set.of());
            DuplicateVoteEvidence evidence = equivocation(V2, 3);
            chain.pendingEvidence.add(evidence);
            BuiltBlock carrying = chain.produceEmpty(Set.of());
            chain.pendingEvidence.clear();
            assertThat(carrying.block().evidence()).hasSize(1);

            StakingState state = chain.state();
            assertThat(state.validators().get(V2.publicKey()).status()).isEqualTo(ValidatorStatus.TOMBSTONED);
            SlashingEvent event = state.slashingEvents().get(0);
            assertThat(event.reason()).isEqualTo(SlashingEvent.Reason.DOUBLE_SIGN);
            assertThat(event.infractionHeight()).isEqualTo(3);
            assertThat(event.evidenceHash()).isEqualTo(evidence.hash());
            assertThat(event.amount()).isEqualTo(StakingChain.VALIDATOR_STAKE * 500 / 10_000);
            assertThat(state.supply().slashed()).isEqualTo(event.amount());
            assertThat(chain.ledgerLamports(Set.of())).isEqualTo(state.supply().expectedTotal());

            chain.produceUntil(3L * StakingChain.EPOCH_BLOCKS, Set.of());
            for (long epoch = 1; epoch <= 3; epoch++) {
                assertThat(chain.setAt(epoch * StakingChain.EPOCH_BLOCKS).contains(V2.publicKey())).isFalse();
            }
            assertThat(chain.ledger().rewards(1)).extracting(EpochReward::validator).doesNotContain(V2.publicKey());
            assertThat(chain.followerLedger().headHeader()).isEqualTo(chain.ledger().headHeader());
        }
    }

    @Test
    void aBlockNamingAnotherNextSetOrCarryingABadLastCommitIsNotVotedFor() {
        try (StakingChain chain = new StakingChain(dir, Map.of())) {
            chain.produceUntil(3, Set.of());
            Block honest = chain.buildNext(Set.of()).block();
            BlockHeader header = honest.header();

            Block otherNextSet = new Block(header.withNextSetAndLastCommit(Hash.sha256(new byte[] {9}),
                    header.lastCommitHash()), honest.transactions(), honest.evidence(), honest.lastCommit());
            assertThat(chain.replayOnFollower(otherNextSet).refusal()).contains("names next validator set");

            // The parent's certificate with only V0's signature: a quarter of the stake is no quorum.
            CommitCertificate full = honest.lastCommit().orElseThrow();
            CommitCertificate minority = new CommitCertificate(full.height(), full.round(), full.blockHash(),
                    full.stateRoot(), full.signatures().stream()
                            .filter(s -> s.validator().equals(V0.publicKey())).toList());
            Block weakCommit = new Block(header.withNextSetAndLastCommit(header.nextValidatorSetHash(),
                    Hash.sha256(minority.encode())), honest.transactions(), honest.evidence(), Optional.of(minority));
            assertThat(chain.replayOnFollower(weakCommit).refusal()).contains("last commit refused");

            Block noCommit = new Block(header.withNextSetAndLastCommit(header.nextValidatorSetHash(), Hash.ZERO),
                    honest.transactions(), honest.evidence(), Optional.empty());
            assertThat(chain.replayOnFollower(noCommit).refusal()).contains("carries no last commit for its parent 3");

            assertThat(chain.replayOnFollower(honest).refusal()).isNull();
        }
    }

    private static DuplicateVoteEvidence equivocation(KeyPair key, long height) {
        Hash block = Hash.sha256(new byte[] {1});
        Hash root = Hash.sha256(new byte[] {2});
        return new DuplicateVoteEvidence(vote(key, height, block, root), vote(key, height, Hash.ZERO, Hash.ZERO));
    }

    private static Vote vote(KeyPair key, long height, Hash block, Hash root) {
        byte[] signBytes = new Vote(height, 0, VoteStep.PREVOTE, block, root, key.publicKey(),
                Signature.wrap(new byte[64])).signBytes(StakingChain.CHAIN_ID);
        return new Vote(height, 0, VoteStep.PREVOTE, block, root, key.publicKey(), key.sign(signBytes));
    }
}
