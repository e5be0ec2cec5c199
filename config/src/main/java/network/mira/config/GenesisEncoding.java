package network.mira.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import network.mira.core.crypto.PublicKey;

/**
 * The canonical bytes that {@link Genesis#hash()} is taken over. Hashing these rather than the
 * JSON text means whitespace, key order or number spelling in the file never changes the chain's
 * identity, while every value does. Version 2, all integers little-endian:
 *
 * <pre>
 * tag                      u32 length + UTF-8 "mira-genesis-v2"
 * chain_id                 u32 length + UTF-8
 * genesis_time_ms          u64
 * lamports_per_signature   u64
 * blockhash_max_age_blocks u32
 * compute_unit_limit_per_instruction        u64
 * max_compute_units_per_transaction         u64
 * max_compute_units_per_block               u64
 * max_compute_units_per_account_per_block   u64
 * faucet                   u8 0 (absent) | u8 1, u8 enabled (0/1), 32-byte address
 * accounts                 u32 count, then per account in file order:
 *                            32-byte address, u64 lamports, 32-byte owner, u8 executable (0/1),
 *                            u32 data length + data
 * validators               u32 count, then per validator in file order: 32-byte identity, u64 stake
 * parameters               only when there are any: u32 count, then per parameter in name order:
 *                            u32 length + UTF-8 name, u64 value
 * </pre>
 *
 * Every variable-length part is length-prefixed, so no two different genesis values share bytes.
 * Version 2 added the compute limits (there was no released chain to keep on version 1). The
 * parameters section is appended only when a genesis has parameters, so every genesis written
 * before they existed keeps its hash.
 */
final class GenesisEncoding {
    static final String TAG = "mira-genesis-v2";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private GenesisEncoding() {}

    static byte[] encode(Genesis genesis) {
        GenesisEncoding e = new GenesisEncoding();
        e.string(TAG);
        e.string(genesis.chainId());
        e.u64(genesis.genesisTimeMs());
        e.u64(genesis.lamportsPerSignature());
        e.u32(genesis.blockhashMaxAgeBlocks());
        e.u64(genesis.compute().computeUnitLimitPerInstruction());
        e.u64(genesis.compute().maxComputeUnitsPerTransaction());
        e.u64(genesis.compute().maxComputeUnitsPerBlock());
        e.u64(genesis.compute().maxComputeUnitsPerAccountPerBlock());
        if (genesis.faucet().isPresent()) {
            e.u8(1);
            e.bool(genesis.faucet().get().enabled());
            e.key(genesis.faucet().get().address());
        } else {
            e.u8(0);
        }
        e.u32(genesis.accounts().size());
        for (Genesis.GenesisAccount account : genesis.accounts()) {
            e.key(account.address());
            e.u64(account.lamports());
            e.key(account.owner());
            e.bool(account.executable());
            e.bytes(account.data());
        }
        e.u32(genesis.validators().size());
        for (Genesis.GenesisValidator validator : genesis.validators()) {
            e.key(validator.identity());
            e.u64(validator.stake());
        }
        if (!genesis.parameters().isEmpty()) {
            e.u32(genesis.parameters().size());
            genesis.parameters().forEach((name, value) -> {
                e.string(name);
                e.u64(value);
            });
        }
        return e.out.toByteArray();
    }

    private void u8(int value) {
        out.write(value);
    }

    private void bool(boolean value) {
        u8(value ? 1 : 0);
    }

    private void u32(int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
    }

    private void u64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private void key(PublicKey key) {
        out.writeBytes(key.bytes());
    }

    private void bytes(byte[] bytes) {
        u32(bytes.length);
        out.writeBytes(bytes);
    }

    private void string(String text) {
        bytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
