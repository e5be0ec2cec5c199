package network.mira.core.tx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The signed part of a Solana transaction: header, account keys, recent blockhash and compiled
 * instructions, legacy or v0 (v0 without address lookup tables). Immutable and always valid: the
 * constructor and the decoder apply the same {@link MessageRules}. Its serialized bytes are what
 * every signature covers.
 */
public final class Message {
    private final MessageVersion version;
    private final MessageHeader header;
    private final List<PublicKey> accountKeys;
    private final Hash recentBlockhash;
    private final List<CompiledInstruction> instructions;
    private final byte[] serialized;

    /** @throws IllegalArgumentException naming the rule the parts break */
    public Message(MessageVersion version, MessageHeader header, List<PublicKey> accountKeys, Hash recentBlockhash,
                   List<CompiledInstruction> instructions) {
        this.version = Objects.requireNonNull(version, "version");
        this.header = Objects.requireNonNull(header, "header");
        this.accountKeys = List.copyOf(accountKeys);
        this.recentBlockhash = Objects.requireNonNull(recentBlockhash, "recentBlockhash");
        this.instructions = List.copyOf(instructions);
        Optional<String> problem = MessageRules.findProblem(version, header, this.accountKeys, this.instructions);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        this.serialized = encode();
    }

    /** @throws WireFormatException if the bytes are not exactly one valid message */
    public static Message deserialize(byte[] bytes) throws WireFormatException {
        WireReader reader = new WireReader(bytes);
        Message message = read(reader);
        reader.expectEnd("message");
        return message;
    }

    /** Reads one message at the reader's position; offsets in errors are those of the whole input. */
    static Message read(WireReader reader) throws WireFormatException {
        int first = reader.u8("message header");
        MessageVersion version = MessageVersion.LEGACY;
        int numRequiredSignatures = first;
        if ((first & MessageVersion.VERSION_PREFIX_MASK) != 0) {
            int number = first & ~MessageVersion.VERSION_PREFIX_MASK;
            if (number != 0) {
                throw new WireFormatException("message version " + number + " is not supported (only legacy and v0)");
            }
            version = MessageVersion.V0;
            numRequiredSignatures = reader.u8("message header");
        }
        int numReadonlySigned = reader.u8("message header");
        int numReadonlyUnsigned = reader.u8("message header");
        Optional<String> headerProblem = MessageHeader.findProblem(numRequiredSignatures, numReadonlySigned,
                numReadonlyUnsigned);
        if (headerProblem.isPresent()) {
            throw new WireFormatException("invalid message header: " + headerProblem.get());
        }
        MessageHeader header = new MessageHeader(numRequiredSignatures, numReadonlySigned, numReadonlyUnsigned);

        int keyCount = reader.compactU16("account key count");
        if (keyCount > MessageRules.MAX_ACCOUNT_KEYS) {
            throw new WireFormatException("account key count " + keyCount + " exceeds "
                    + MessageRules.MAX_ACCOUNT_KEYS);
        }
        List<PublicKey> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            keys.add(PublicKey.wrap(reader.bytes(PublicKey.LENGTH, "account key " + i)));
        }
        Hash blockhash = Hash.wrap(reader.bytes(Hash.LENGTH, "recent blockhash"));

        int instructionCount = reader.compactU16("instruction count");
        // Every instruction takes at least 3 bytes; do not size a list from an untrusted count.
        List<CompiledInstruction> instructions = new ArrayList<>(Math.min(instructionCount, reader.remaining() / 3 + 1));
        for (int i = 0; i < instructionCount; i++) {
            instructions.add(readInstruction(reader, i));
        }
        if (version == MessageVersion.V0) {
            int lookupTableCount = reader.compactU16("address lookup table count");
            if (lookupTableCount != 0) {
                throw new WireFormatException("address lookup tables are not supported (message has "
                        + lookupTableCount + ")");
            }
        }
        Optional<String> problem = MessageRules.findProblem(version, header, keys, instructions);
        if (problem.isPresent()) {
            throw new WireFormatException(problem.get());
        }
        return new Message(version, header, keys, blockhash, instructions);
    }

    private static CompiledInstruction readInstruction(WireReader reader, int number) throws WireFormatException {
        String name = "instruction " + number;
        int programIdIndex = reader.u8(name + " program id index");
        int accountCount = reader.compactU16(name + " account count");
        byte[] accountIndexes = reader.bytes(accountCount, name + " account indexes");
        int dataLength = reader.compactU16(name + " data length");
        byte[] data = reader.bytes(dataLength, name + " data");
        return new CompiledInstruction(programIdIndex, accountIndexes, data);
    }

    private byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + accountKeys.size() * PublicKey.LENGTH);
        if (version == MessageVersion.V0) {
            out.write(MessageVersion.VERSION_PREFIX_MASK);
        }
        out.write(header.numRequiredSignatures());
        out.write(header.numReadonlySignedAccounts());
        out.write(header.numReadonlyUnsignedAccounts());
        ShortVec.encode(accountKeys.size(), out);
        for (PublicKey key : accountKeys) {
            out.writeBytes(key.bytes());
        }
        out.writeBytes(recentBlockhash.bytes());
        ShortVec.encode(instructions.size(), out);
        for (CompiledInstruction instruction : instructions) {
            out.write(instruction.programIdIndex());
            ShortVec.encode(instruction.accountCount(), out);
            out.writeBytes(instruction.accountIndexes());
            byte[] data = instruction.data();
            ShortVec.encode(data.length, out);
            out.writeBytes(data);
        }
        if (version == MessageVersion.V0) {
            ShortVec.encode(0, out); // no address lookup tables
        }
        return out.toByteArray();
    }

    /** The exact bytes that signatures cover (a copy). */
    public byte[] serialize() {
        return serialized.clone();
    }

    public MessageVersion version() {
        return version;
    }

    public MessageHeader header() {
        return header;
    }

    public List<PublicKey> accountKeys() {
        return accountKeys;
    }

    public Hash recentBlockhash() {
        return recentBlockhash;
    }

    public List<CompiledInstruction> instructions() {
        return instructions;
    }

    /** The first account key; it signs and pays the fee. */
    public PublicKey feePayer() {
        return accountKeys.get(0);
    }

    /** The keys whose signatures the transaction must carry, in signature order. */
    public List<PublicKey> requiredSigners() {
        return accountKeys.subList(0, header.numRequiredSignatures());
    }

    /** @throws IllegalArgumentException if the instruction's program index is outside this message */
    public PublicKey programId(CompiledInstruction instruction) {
        int index = instruction.programIdIndex();
        if (index >= accountKeys.size()) {
            throw new IllegalArgumentException("program id index " + index + " is out of range for "
                    + accountKeys.size() + " account keys");
        }
        return accountKeys.get(index);
    }

    public boolean isSigner(int index) {
        checkIndex(index);
        return index < header.numRequiredSignatures();
    }

    /**
     * Writability by the header alone: signers except the last {@code numReadonlySignedAccounts},
     * and non-signers except the last {@code numReadonlyUnsignedAccounts}. (Solana's runtime also
     * demotes invoked programs and reserved ids to read-only; that policy belongs to the runtime.)
     */
    public boolean isWritable(int index) {
        checkIndex(index);
        int signers = header.numRequiredSignatures();
        if (index < signers) {
            return index < signers - header.numReadonlySignedAccounts();
        }
        return index < accountKeys.size() - header.numReadonlyUnsignedAccounts();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= accountKeys.size()) {
            throw new IndexOutOfBoundsException("account index " + index + " is out of range for "
                    + accountKeys.size() + " account keys");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && Arrays.equals(serialized, that.serialized);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serialized);
    }

    @Override
    public String toString() {
        return "Message[" + version + ", " + header + ", " + accountKeys.size() + " account keys, "
                + instructions.size() + " instructions, recentBlockhash=" + recentBlockhash + "]";
    }
}
