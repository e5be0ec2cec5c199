/**
 * Committees: for each claim of a request, k distinct validators drawn by stake without
 * replacement from a SHA-256 stream seeded by the request block's hash and the claim index, then
 * spread so that no validator sits on every committee of a request when that is possible
 * (docs/verification.md, "Committees"). Integer arithmetic only; every node draws the same.
 */
package network.mira.verification.committee;
