package network.mira.core.tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * Turns instructions with account metas into a message, with Solana's account layout: the fee
 * payer first, then writable signers, read-only signers, writable non-signers, read-only
 * non-signers. A key used several times gets the union of its roles; a program id is a read-only
 * non-signer unless some instruction also uses it otherwise. Within a group keys follow
 * {@link AccountKeyOrder}, so the bytes match what @solana/web3.js signs for the same input.
 */
public final class MessageCompiler {
    private MessageCompiler() {}

    public static Message compileLegacy(PublicKey feePayer, List<Instruction> instructions, Hash recentBlockhash) {
        return compile(MessageVersion.LEGACY, feePayer, instructions, recentBlockhash);
    }

    /** A v0 message without address lookup tables: every account is a static key. */
    public static Message compileV0(PublicKey feePayer, List<Instruction> instructions, Hash recentBlockhash) {
        return compile(MessageVersion.V0, feePayer, instructions, recentBlockhash);
    }

    /** Roles of one key, merged over every use. */
    private static final class Roles {
        boolean signer;
        boolean writable;

        /** 0 writable signer, 1 read-only signer, 2 writable non-signer, 3 read-only non-signer. */
        int group() {
            return (signer ? 0 : 2) + (writable ? 0 : 1);
        }
    }

    private static Message compile(MessageVersion version, PublicKey feePayer, List<Instruction> instructions,
                                   Hash recentBlockhash) {
        Objects.requireNonNull(feePayer, "feePayer");
        Map<PublicKey, Roles> roles = collectRoles(feePayer, instructions);
        List<PublicKey> keys = orderKeys(feePayer, roles);
        if (keys.size() > MessageRules.MAX_ACCOUNT_KEYS) {
            throw new IllegalArgumentException("instructions use " + keys.size() + " distinct accounts, a message can"
                    + " address at most " + MessageRules.MAX_ACCOUNT_KEYS);
        }
        MessageHeader header = header(keys, roles);
        Map<PublicKey, Integer> indexes = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            indexes.put(keys.get(i), i);
        }
        List<CompiledInstruction> compiled = new ArrayList<>(instructions.size());
        for (Instruction instruction : instructions) {
            byte[] accountIndexes = new byte[instruction.accounts().size()];
            for (int i = 0; i < accountIndexes.length; i++) {
                accountIndexes[i] = (byte) (int) indexes.get(instruction.accounts().get(i).key());
            }
            compiled.add(new CompiledInstruction(indexes.get(instruction.programId()), accountIndexes,
                    instruction.data()));
        }
        return new Message(version, header, keys, recentBlockhash, compiled);
    }

    private static Map<PublicKey, Roles> collectRoles(PublicKey feePayer, List<Instruction> instructions) {
        Map<PublicKey, Roles> roles = new LinkedHashMap<>();
        Roles payer = roles.computeIfAbsent(feePayer, key -> new Roles());
        payer.signer = true;
        payer.writable = true;
        for (Instruction instruction : instructions) {
            roles.computeIfAbsent(instruction.programId(), key -> new Roles());
            for (AccountMeta meta : instruction.accounts()) {
                Roles merged = roles.computeIfAbsent(meta.key(), key -> new Roles());
                merged.signer |= meta.signer();
                merged.writable |= meta.writable();
            }
        }
        return roles;
    }

    private static List<PublicKey> orderKeys(PublicKey feePayer, Map<PublicKey, Roles> roles) {
        List<PublicKey> others = new ArrayList<>(roles.keySet());
        others.remove(feePayer);
        others.sort((left, right) -> {
            int byGroup = Integer.compare(roles.get(left).group(), roles.get(right).group());
            return byGroup != 0 ? byGroup : AccountKeyOrder.WEB3JS.compare(left, right);
        });
        List<PublicKey> keys = new ArrayList<>(others.size() + 1);
        keys.add(feePayer);
        keys.addAll(others);
        return keys;
    }

    private static MessageHeader header(List<PublicKey> keys, Map<PublicKey, Roles> roles) {
        int signers = 0;
        int readonlySigners = 0;
        int readonlyNonSigners = 0;
        for (PublicKey key : keys) {
            Roles role = roles.get(key);
            if (role.signer) {
                signers++;
                readonlySigners += role.writable ? 0 : 1;
            } else {
                readonlyNonSigners += role.writable ? 0 : 1;
            }
        }
        return new MessageHeader(signers, readonlySigners, readonlyNonSigners);
    }
}
