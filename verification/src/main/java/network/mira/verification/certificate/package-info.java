/**
 * Verification certificates (docs/verification.md, "Certificates"): a request's claims, verdicts,
 * stake tallies and revealed attestations, with the validator pool the committees were drawn from,
 * in a canonical binary form and a JSON form, and the offline checker that recomputes committees,
 * tallies and verdicts from them.
 */
package network.mira.verification.certificate;
