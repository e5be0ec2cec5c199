package network.mira.p2p.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The first message each side sends. Layout (little-endian): u8 type=1, u32 protocol version,
 * u32 chain id length + UTF-8 chain id (1..64 bytes), 32-byte genesis hash, 32-byte Ed25519
 * identity key, 32-byte X25519 ephemeral key, u32 listen port (0..65535), 32-byte random nonce.
 *
 * <p>The version comes first so that a future layout can still be refused precisely.
 */
public record Hello(long protocolVersion, String chainId, Hash genesisHash, PublicKey identity, byte[] ephemeralKey,
        int listenPort, byte[] nonce) implements HandshakeMessage {

    public static final long PROTOCOL_VERSION = 1;
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 32;
    public static final int MAX_CHAIN_ID_BYTES = 64;

    public Hello {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(genesisHash, "genesisHash");
        Objects.requireNonNull(identity, "identity");
        if (ephemeralKey == null || ephemeralKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("ephemeral key must be " + KEY_BYTES + " bytes");
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be 0..65535, got " + listenPort);
        }
        ephemeralKey = ephemeralKey.clone();
        nonce = nonce.clone();
    }

    @Override
    public byte[] ephemeralKey() {
        return ephemeralKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(256).u8(HandshakeCodec.TYPE_HELLO).u32(protocolVersion)
                .bytes(chainId.getBytes(StandardCharsets.UTF_8)).raw(genesisHash.bytes()).raw(identity.bytes())
                .raw(ephemeralKey).u32(listenPort).raw(nonce).toByteArray();
    }

    /** Reads the fields after the type byte. An unsupported version stops decoding right there. */
    static Hello read(ByteReader reader) throws DecodeException, HandshakeException {
        long version = reader.u32("protocol version");
        if (version != PROTOCOL_VERSION) {
            throw new HandshakeException(RefusalReason.PROTOCOL_VERSION,
                    "peer speaks protocol version " + version + ", this node speaks " + PROTOCOL_VERSION);
        }
        String chainId = strictUtf8(reader.bytes(MAX_CHAIN_ID_BYTES, "chain id"));
        Hash genesis = Hash.wrap(reader.raw(Hash.LENGTH, "genesis hash"));
        PublicKey identity = PublicKey.wrap(reader.raw(PublicKey.LENGTH, "identity key"));
        byte[] ephemeral = reader.raw(KEY_BYTES, "ephemeral key");
        long port = reader.u32("listen port");
        if (port > 65535) {
            throw new DecodeException("listen port " + port + " is not 0..65535");
        }
        byte[] nonce = reader.raw(NONCE_BYTES, "nonce");
        return new Hello(version, chainId, genesis, identity, ephemeral, (int) port, nonce);
    }

    /** Strict so that decoding and re-encoding give the same bytes (and logs show what was sent). */
    private static String strictUtf8(byte[] bytes) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("chain id is not valid UTF-8");
        }
    }
}
