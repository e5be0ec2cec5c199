package network.mira.settlement.consensus;

import java.util.Arrays;
import network.mira.core.crypto.Hash;

/**
 * The block hash and state root at the end of vote or proposal sign-bytes
 * ({@link network.mira.core.consensus.VoteSignBytes}: ... | block hash | state root).
 */
record SignedValue(Hash blockHash, Hash stateRoot) {
    static SignedValue of(byte[] signBytes) {
        int end = signBytes.length;
        if (end < 2 * Hash.LENGTH) {
            throw new IllegalArgumentException("sign-bytes of " + end + " bytes hold no value");
        }
        return new SignedValue(Hash.wrap(Arrays.copyOfRange(signBytes, end - 2 * Hash.LENGTH, end - Hash.LENGTH)),
                Hash.wrap(Arrays.copyOfRange(signBytes, end - Hash.LENGTH, end)));
    }
}
