/**
 * Attestations by commit and reveal (docs/verification.md, "Attestations (commit and reveal)"): the
 * commitment a committee member publishes before the commit deadline, the signed attestation it
 * reveals afterwards, and the request id both name. The rules of when each is accepted are the
 * verification program's ({@link network.mira.verification.program.VerificationProgramRuntime}).
 */
package network.mira.verification.attestation;
