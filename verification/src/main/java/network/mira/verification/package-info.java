/**
 * Verification of AI outputs (DESIGN.md §5): an output is split into claims, each judged by a
 * stake-weighted committee of validators whose verifiers attest by commit and reveal; a
 * stake-weighted quorum decides and the result is a certificate anyone can check offline.
 */
package network.mira.verification;
