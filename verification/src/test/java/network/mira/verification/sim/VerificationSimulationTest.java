package network.mira.verification.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What these tests assert is what the binomial tails make near-certain for any seed, not what one
 * seed happened to give; the odds are in each test's comment (computed exactly with Python's
 * fractions). Seeds 1, 2 and 3 are run.
 */
class VerificationSimulationTest {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    @Test
    void sameSeedSameResultAndAnotherSeedDiffers() {
        SimulationParameters parameters = new SimulationParameters(16, 2_000, 5, 8_000, 2, 7, 6_667, 200, 700_000,
                1_000);
        assertThat(VerificationSimulation.run(parameters)).isEqualTo(VerificationSimulation.run(parameters));
        SimulationParameters other = new SimulationParameters(16, 2_000, 5, 8_000, 2, 8, 6_667, 200, 700_000,
                1_000);
        assertThat(VerificationSimulation.run(other)).isNotEqualTo(VerificationSimulation.run(parameters));
    }

    /**
     * The defaults (accuracy 0.8, committees of 5, floor 0.7, alpha 0.001, window 200). An honest
     * validator agrees with decided verdicts about 0.89 of the time; the test rejects 118 or fewer
     * of 200, which at 0.85 happens with odds below 10^-18 per window. The ensemble (four of five
     * agreeing) is right about 0.98 of the time against one verifier's 0.8. Guessers are NOT
     * asserted here: see {@link #aHigherFloorCatchesGuessers}.
     */
    @Test
    void defaultsSpareHonestValidatorsAndBeatOneVerifier() {
        for (long seed : SEEDS) {
            SimulationResult result = VerificationSimulation.run(SimulationParameters.defaults(seed));
            assertThat(result.criticalAgreements()).isEqualTo(118);
            assertThat(result.honestSlashed()).as("seed %d", seed).isZero();
            assertThat(result.ensembleAccuracy()).isGreaterThan(new BigDecimal("0.95"));
            assertThat(result.singleAccuracy()).isBetween(new BigDecimal("0.78"), new BigDecimal("0.82"));
            assertThat(result.claimsUnassigned()).isZero();
            assertThat(result.claimsDecided() + result.claimsInconclusive()).isEqualTo(10_000);
        }
    }

    /**
     * A guesser's agreement with decided verdicts is not 0.5: its own vote helps decide. In a committee
     * of 5 at 6,667 bps, four honest votes of accuracy 0.8 split 3-1 are decided only when the
     * guesser joins the three, so it agrees about 0.673 of the time, just under a 0.7 floor
     * (rejected in under 1% of windows). With the floor at 0.8 the test rejects 141 or fewer of 200:
     * a guesser agreeing 0.673 (0.70, as measured with two guessers) is caught in 85% (59%) of
     * windows and has about nine windows, so it escapes with odds of about 4 * 10^-8 (3 * 10^-4);
     * an honest validator (0.89) is rejected with odds below 10^-12 per window.
     */
    @Test
    void aHigherFloorCatchesGuessers() {
        for (long seed : SEEDS) {
            SimulationParameters defaults = SimulationParameters.defaults(seed);
            SimulationResult result = VerificationSimulation.run(new SimulationParameters(defaults.validators(),
                    defaults.claims(), defaults.committeeSize(), defaults.accuracyBps(), defaults.guessers(), seed,
                    defaults.thresholdBps(), defaults.window(), 800_000, defaults.significancePpm()));
            assertThat(result.criticalAgreements()).isEqualTo(141);
            assertThat(result.guessersSlashed()).as("seed %d", seed).isEqualTo(2);
            assertThat(result.honestSlashed()).as("seed %d", seed).isZero();
            assertThat(result.guesserAgreement()).isBetween(new BigDecimal("0.60"), new BigDecimal("0.75"));
            assertThat(result.honestAgreement()).isGreaterThan(new BigDecimal("0.85"));
        }
    }

    @Test
    void unanimousCommitteesOfThreeCannotCatchGuessers() {
        // At 6,667 bps a committee of 3 decides only unanimously, so every member of a decided claim agrees.
        SimulationParameters parameters = new SimulationParameters(16, 3_000, 3, 8_000, 2, 1, 6_667, 200, 700_000,
                1_000);
        SimulationResult result = VerificationSimulation.run(parameters);
        assertThat(result.guessersSlashed()).isZero();
        assertThat(result.validators()).allSatisfy(v -> assertThat(v.agreed()).isEqualTo(v.resolved()));
    }

    @Test
    void judgedAgainstTheirPeersGuessersAgreeHalfTheTimeAndAreCaughtEvenInCommitteesOfThree() {
        for (int committee : new int[] {3, 5}) {
            SimulationResult result = VerificationSimulation.run(new SimulationParameters(16, 10_000, committee,
                    8_000, 2, 1, 6_667, 200, 700_000, 1_000, SimulationParameters.Agreement.PEERS));
            assertThat(result.guessersSlashed()).as("committees of %d", committee).isEqualTo(2);
            assertThat(result.honestSlashed()).as("committees of %d", committee).isZero();
            // A guesser cannot lift its own reference verdict: its agreement is a coin's.
            assertThat(result.guesserAgreement())
                    .isBetween(new java.math.BigDecimal("0.40"), new java.math.BigDecimal("0.60"));
        }
    }

    @Test
    void slashedValidatorsSitOnNoLaterCommittee() {
        SimulationParameters parameters = new SimulationParameters(8, 4_000, 5, 9_000, 1, 3, 6_667, 50, 800_000,
                1_000);
        SimulationResult first = VerificationSimulation.run(parameters);
        ValidatorOutcome guesser = first.validators().get(0);
        assertThat(guesser.slashed()).isTrue();
        // The same run cut right after the slash judged exactly as much with the guesser.
        SimulationResult cut = VerificationSimulation.run(new SimulationParameters(8, guesser.slashedAtClaim() + 1, 5,
                9_000, 1, 3, 6_667, 50, 800_000, 1_000));
        assertThat(cut.validators().get(0)).isEqualTo(guesser);
    }
}
