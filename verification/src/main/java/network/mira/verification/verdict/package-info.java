/**
 * Stake-weighted verdicts: a claim's revealed verdicts, weighed by the committee members' stake, decide
 * TRUE, FALSE or INCONCLUSIVE. Integer arithmetic only, so every node reaches the same verdict.
 */
package network.mira.verification.verdict;
