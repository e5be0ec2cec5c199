package network.mira.core.consensus;

import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/** One validator's precommit signature inside a commit certificate. */
public record CommitSignature(PublicKey validator, Signature signature) {}
