package network.mira.core.tx;

import java.util.Comparator;
import java.util.Locale;
import network.mira.core.crypto.PublicKey;

/**
 * Order of account keys within one signer/writable group, as @solana/web3.js (the most used
 * client) compiles legacy messages: base58 text compared with {@code localeCompare}. For base58's
 * characters that collation means digits before letters, letters compared case-insensitively
 * first, and only then a lowercase letter before its uppercase form. Following it makes our
 * compiled messages byte-identical to those clients' (Solana's Rust SDK orders by raw bytes
 * instead; any order is valid on chain, only the bytes signed differ).
 */
final class AccountKeyOrder {
    static final Comparator<PublicKey> WEB3JS = (left, right) -> compareBase58(left.toBase58(), right.toBase58());

    private AccountKeyOrder() {}

    static int compareBase58(String left, String right) {
        // ASCII digits sort before lowercase letters, so lowercasing gives the primary order.
        int primary = left.toLowerCase(Locale.ROOT).compareTo(right.toLowerCase(Locale.ROOT));
        if (primary != 0) {
            return primary;
        }
        for (int i = 0; i < left.length(); i++) {
            char a = left.charAt(i);
            char b = right.charAt(i);
            if (a != b) {
                return Character.isLowerCase(a) ? -1 : 1;
            }
        }
        return 0;
    }
}
