/**
 * Attestations by commit and reveal (docs/verification.md, "Attestations (commit and reveal)"): the
 * commitment a committee member publishes before the commit deadline, the signed attestation it
 * reveals afterwards, and the pure rule that classifies each validator's participation in a claim.
 * No clock, I/O or randomness: heights and messages in, classifications out.
 */
package network.mira.verification.attestation;
