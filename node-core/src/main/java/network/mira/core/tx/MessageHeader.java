package network.mira.core.tx;

import java.util.Optional;

/**
 * How the account keys divide: the first {@code numRequiredSignatures} keys sign, of which the
 * last {@code numReadonlySignedAccounts} are read-only; of the keys that do not sign, the last
 * {@code numReadonlyUnsignedAccounts} are read-only.
 */
public record MessageHeader(int numRequiredSignatures, int numReadonlySignedAccounts,
                            int numReadonlyUnsignedAccounts) {

    /** @throws IllegalArgumentException for values that are not u8, no signer or a read-only fee payer */
    public MessageHeader {
        Optional<String> problem = findProblem(numRequiredSignatures, numReadonlySignedAccounts,
                numReadonlyUnsignedAccounts);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Shared by the constructor and the decoder, which must report the same rule as a wire error. */
    static Optional<String> findProblem(int numRequiredSignatures, int numReadonlySignedAccounts,
                                        int numReadonlyUnsignedAccounts) {
        if (!isU8(numRequiredSignatures) || !isU8(numReadonlySignedAccounts) || !isU8(numReadonlyUnsignedAccounts)) {
            return Optional.of("header values must be 0..255, got (" + numRequiredSignatures + ", "
                    + numReadonlySignedAccounts + ", " + numReadonlyUnsignedAccounts + ")");
        }
        if (numRequiredSignatures == 0) {
            return Optional.of("header requires no signatures; a message needs at least one signer, the fee payer");
        }
        // The fee payer is the first signer and must be writable to be charged.
        if (numReadonlySignedAccounts >= numRequiredSignatures) {
            return Optional.of("header marks " + numReadonlySignedAccounts + " of " + numRequiredSignatures
                    + " signers read-only; the fee payer must be writable");
        }
        return Optional.empty();
    }

    private static boolean isU8(int value) {
        return value >= 0 && value <= 0xFF;
    }
}
