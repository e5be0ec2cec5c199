package network.mira.core.tx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mira.core.crypto.PublicKey;

/**
 * Structural rules every message must keep (Solana's sanitize checks plus its duplicate-account
 * check). One place, so that building a message in code and decoding one from the wire refuse the
 * same things with the same words.
 */
final class MessageRules {
    /** Instructions address accounts with a u8. */
    static final int MAX_ACCOUNT_KEYS = 256;
    /** Above this a legacy message's first byte would read as a version prefix. */
    static final int MAX_LEGACY_SIGNERS = MessageVersion.VERSION_PREFIX_MASK - 1;

    private MessageRules() {}

    static Optional<String> findProblem(MessageVersion version, MessageHeader header, List<PublicKey> accountKeys,
                                        List<CompiledInstruction> instructions) {
        int keyCount = accountKeys.size();
        if (version == MessageVersion.LEGACY && header.numRequiredSignatures() > MAX_LEGACY_SIGNERS) {
            return Optional.of("a legacy message can require at most " + MAX_LEGACY_SIGNERS + " signatures, header says "
                    + header.numRequiredSignatures());
        }
        if (keyCount > MAX_ACCOUNT_KEYS) {
            return Optional.of(keyCount + " account keys, at most " + MAX_ACCOUNT_KEYS + " can be addressed");
        }
        if (header.numRequiredSignatures() + header.numReadonlyUnsignedAccounts() > keyCount) {
            return Optional.of("header needs " + header.numRequiredSignatures() + " signers and "
                    + header.numReadonlyUnsignedAccounts() + " read-only unsigned accounts, but the message has "
                    + keyCount + " account keys");
        }
        Map<PublicKey, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < keyCount; i++) {
            Integer earlier = firstIndex.putIfAbsent(accountKeys.get(i), i);
            if (earlier != null) {
                return Optional.of("account key " + i + " duplicates account key " + earlier + " ("
                        + accountKeys.get(i) + ")");
            }
        }
        for (int i = 0; i < instructions.size(); i++) {
            Optional<String> problem = findInstructionProblem(i, instructions.get(i), keyCount);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> findInstructionProblem(int number, CompiledInstruction instruction, int keyCount) {
        int programIdIndex = instruction.programIdIndex();
        if (programIdIndex >= keyCount) {
            return Optional.of("instruction " + number + ": program id index " + programIdIndex
                    + " is out of range for " + keyCount + " account keys");
        }
        if (programIdIndex == 0) {
            return Optional.of("instruction " + number + ": program id index 0 is the fee payer, which cannot be a program");
        }
        for (int position = 0; position < instruction.accountCount(); position++) {
            int index = instruction.accountIndex(position);
            if (index >= keyCount) {
                return Optional.of("instruction " + number + ": account index " + index + " (position " + position
                        + ") is out of range for " + keyCount + " account keys");
            }
        }
        return Optional.empty();
    }
}
