package network.mira.core.tx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.mira.core.crypto.Ed25519;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;

/**
 * A Solana wire-format transaction: a compact-u16 count of signatures, the signatures, then the
 * message they sign. Signature i belongs to account key i. Decoding accepts only the canonical
 * encoding, so {@code serialize()} returns exactly the bytes that were decoded.
 */
public final class Transaction {
    /**
     * Largest transaction on the wire (Solana's packet data size: 1280-byte IPv6 MTU minus
     * headers). Public so admission can refuse oversize bytes with its own reason before decoding.
     */
    public static final int MAX_SIZE = 1232;

    private final List<Signature> signatures;
    private final Message message;

    /** @throws IllegalArgumentException unless there is exactly one signature per required signer */
    public Transaction(List<Signature> signatures, Message message) {
        this.signatures = List.copyOf(signatures);
        this.message = Objects.requireNonNull(message, "message");
        int required = message.header().numRequiredSignatures();
        if (this.signatures.size() != required) {
            throw new IllegalArgumentException(signatureCountMismatch(this.signatures.size(), required));
        }
    }

    /**
     * Decodes and structurally validates; it does not verify signatures (see {@link #verifySignatures()}).
     *
     * @throws WireFormatException saying what is wrong and at which offset
     */
    public static Transaction decode(byte[] bytes) throws WireFormatException {
        if (bytes.length > MAX_SIZE) {
            throw new WireFormatException("transaction is " + bytes.length + " bytes, larger than the maximum "
                    + MAX_SIZE);
        }
        WireReader reader = new WireReader(bytes);
        int signatureCount = reader.compactU16("signature count");
        List<Signature> signatures = new ArrayList<>(Math.min(signatureCount, reader.remaining() / Signature.LENGTH));
        for (int i = 0; i < signatureCount; i++) {
            signatures.add(Signature.wrap(reader.bytes(Signature.LENGTH, "signature " + i)));
        }
        Message message = Message.read(reader);
        reader.expectEnd("message");
        int required = message.header().numRequiredSignatures();
        if (signatureCount != required) {
            throw new WireFormatException(signatureCountMismatch(signatureCount, required));
        }
        return new Transaction(signatures, message);
    }

    /**
     * Signs {@code message} with every required signer, each signature at the index of its key.
     *
     * @throws IllegalArgumentException if a required signer has no key pair, or a key pair is not a
     *     required signer (signing with a wrong key is a caller mistake, not something to ignore)
     */
    public static Transaction sign(Message message, List<KeyPair> signers) {
        List<PublicKey> required = message.requiredSigners();
        Map<PublicKey, KeyPair> byKey = new HashMap<>();
        for (KeyPair signer : signers) {
            if (!required.contains(signer.publicKey())) {
                throw new IllegalArgumentException("key pair " + signer.publicKey()
                        + " is not a required signer of this message");
            }
            byKey.put(signer.publicKey(), signer);
        }
        byte[] signed = message.serialize();
        List<Signature> signatures = new ArrayList<>(required.size());
        for (int i = 0; i < required.size(); i++) {
            KeyPair signer = byKey.get(required.get(i));
            if (signer == null) {
                throw new IllegalArgumentException("missing key pair for required signer " + i + " ("
                        + required.get(i) + ")");
            }
            signatures.add(signer.sign(signed));
        }
        return new Transaction(signatures, message);
    }

    public byte[] serialize() {
        byte[] messageBytes = message.serialize();
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                ShortVec.MAX_ENCODED_LENGTH + signatures.size() * Signature.LENGTH + messageBytes.length);
        ShortVec.encode(signatures.size(), out);
        for (Signature signature : signatures) {
            out.writeBytes(signature.bytes());
        }
        out.writeBytes(messageBytes);
        return out.toByteArray();
    }

    /** The first signature, the fee payer's, identifies the transaction as on Solana. */
    public Signature id() {
        return signatures.get(0);
    }

    public List<Signature> signatures() {
        return signatures;
    }

    public Message message() {
        return message;
    }

    /** One result per required signer, in account order: does signature i verify for key i? */
    public List<Boolean> verifySignatures() {
        byte[] signed = message.serialize();
        List<PublicKey> keys = message.requiredSigners();
        List<Boolean> results = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            results.add(Ed25519.verify(keys.get(i), signed, signatures.get(i)));
        }
        return List.copyOf(results);
    }

    public boolean allSignaturesValid() {
        byte[] signed = message.serialize();
        List<PublicKey> keys = message.requiredSigners();
        for (int i = 0; i < keys.size(); i++) {
            if (!Ed25519.verify(keys.get(i), signed, signatures.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String signatureCountMismatch(int count, int required) {
        return "signature count " + count + " does not match header's required signatures " + required;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction that && signatures.equals(that.signatures) && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return 31 * signatures.hashCode() + message.hashCode();
    }

    @Override
    public String toString() {
        return "Transaction[id=" + id() + ", " + message + "]";
    }
}
