package network.mira.core.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;

/**
 * Valid random messages for property tests, from a seed so a failure can be replayed. Signer
 * slots get real key pairs so that the message can also be signed, and the signed transaction fits
 * the wire limit ({@link Transaction#MAX_SIZE}): instructions are dropped from the end until it does.
 */
final class RandomMessages {
    record Signed(Message message, List<KeyPair> signers) {}

    private RandomMessages() {}

    static Signed create(long seed) {
        Random random = new Random(seed);
        int signerCount = 1 + random.nextInt(4);
        int nonSignerCount = random.nextInt(7);
        List<KeyPair> signers = new ArrayList<>();
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < signerCount; i++) {
            KeyPair signer = KeyPair.fromSeed(bytes(random, 32));
            signers.add(signer);
            keys.add(signer.publicKey());
        }
        for (int i = 0; i < nonSignerCount; i++) {
            keys.add(PublicKey.wrap(bytes(random, 32)));
        }
        MessageHeader header = new MessageHeader(signerCount, random.nextInt(signerCount),
                random.nextInt(nonSignerCount + 1));
        List<CompiledInstruction> instructions = new ArrayList<>();
        int instructionCount = keys.size() < 2 ? 0 : random.nextInt(5);
        for (int i = 0; i < instructionCount; i++) {
            byte[] accountIndexes = new byte[random.nextInt(7)];
            for (int j = 0; j < accountIndexes.length; j++) {
                accountIndexes[j] = (byte) random.nextInt(keys.size());
            }
            instructions.add(new CompiledInstruction(1 + random.nextInt(keys.size() - 1), accountIndexes,
                    bytes(random, random.nextInt(random.nextBoolean() ? 200 : 20))));
        }
        MessageVersion version = random.nextBoolean() ? MessageVersion.LEGACY : MessageVersion.V0;
        Hash blockhash = Hash.wrap(bytes(random, 32));
        Message message = new Message(version, header, keys, blockhash, instructions);
        while (signedSize(message, signerCount) > Transaction.MAX_SIZE) {
            instructions.remove(instructions.size() - 1);
            message = new Message(version, header, keys, blockhash, instructions);
        }
        return new Signed(message, signers);
    }

    /** The signature count (one byte below 128), the signatures, the message. */
    private static int signedSize(Message message, int signerCount) {
        return 1 + signerCount * 64 + message.serialize().length;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
