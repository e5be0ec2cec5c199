/**
 * An in-process, deterministic simulation of claim verification: oracle and guessing verifiers,
 * committees, stake verdicts and the guessing detector, all from one seed. Pure: no clock, I/O or
 * java.util.Random, so the same parameters give the same result on every machine.
 */
package network.mira.verification.sim;
