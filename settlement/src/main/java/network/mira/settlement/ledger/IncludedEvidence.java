package network.mira.settlement.ledger;

import network.mira.core.crypto.Hash;
import network.mira.settlement.bft.DuplicateVoteEvidence;

/**
 * Evidence as the finalized chain holds it: where it was included and what it proves.
 *
 * @param hash            SHA-256 of the canonical encoding ({@link DuplicateVoteEvidence#hash()})
 * @param includedHeight  height of the finalized block that carries it
 * @param index           its position among that block's evidence items
 */
public record IncludedEvidence(Hash hash, long includedHeight, int index, DuplicateVoteEvidence evidence) {}
