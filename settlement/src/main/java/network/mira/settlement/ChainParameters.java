package network.mira.settlement;

import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;

/** The consensus-relevant parameters of a chain, fixed by its genesis. */
public record ChainParameters(String chainId, Hash genesisHash, long lamportsPerSignature,
                              int blockhashMaxAgeBlocks, ValidatorSet validators) {}
