/**
 * Statistics that decide slashing, in exact integer arithmetic: the random-guessing detector.
 */
package network.mira.verification.stats;
