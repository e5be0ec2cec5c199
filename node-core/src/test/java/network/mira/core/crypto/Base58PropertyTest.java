package network.mira.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Base58PropertyTest {

    @Property
    void roundTrips(@ForAll @Size(max = 64) byte[] bytes) {
        assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
    }

    @Property
    void leadingZerosBecomeLeadingOnes(@ForAll @IntRange(max = 10) int zeros, @ForAll @Size(max = 40) byte[] rest) {
        byte[] bytes = new byte[zeros + rest.length];
        System.arraycopy(rest, 0, bytes, zeros, rest.length);
        String encoded = Base58.encode(bytes);
        int expectedOnes = zeros;
        while (expectedOnes < bytes.length && bytes[expectedOnes] == 0) {
            expectedOnes++;
        }
        assertThat(encoded).startsWith("1".repeat(expectedOnes));
        assertThat(encoded.length() == expectedOnes || encoded.charAt(expectedOnes) != '1').isTrue();
        assertThat(Base58.decode(encoded)).isEqualTo(bytes);
    }

    @Property
    void keysAndSignaturesRoundTripThroughText(@ForAll @Size(value = 32) byte[] key,
                                               @ForAll @Size(value = 64) byte[] signature) {
        assertThat(PublicKey.fromBase58(PublicKey.wrap(key).toBase58())).isEqualTo(PublicKey.wrap(key));
        assertThat(Signature.fromBase58(Signature.wrap(signature).toBase58())).isEqualTo(Signature.wrap(signature));
    }

    /** The textbook definition (big-integer base conversion), which the fast encoder must match. */
    private static String referenceEncode(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder out = new StringBuilder();
        java.math.BigInteger value = new java.math.BigInteger(1, bytes);
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (value.signum() > 0) {
            java.math.BigInteger[] division = value.divideAndRemainder(base);
            out.append(alphabet.charAt(division[1].intValue()));
            value = division[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    @Property(tries = 2000)
    void matchesTheBigIntegerDefinition(@ForAll @Size(max = 80) byte[] bytes) {
        assertThat(Base58.encode(bytes)).isEqualTo(referenceEncode(bytes));
    }

    @Example
    void knownValues() {
        assertThat(Base58.encode(new byte[32])).isEqualTo("11111111111111111111111111111111");
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.encode("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("2NEpo7TZRRrLZSi2U");
    }

    @Example
    void rejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Base58.decode("abc0")).hasMessage("invalid base58 character '0' at position 3");
        assertThatThrownBy(() -> Base58.decode("Il")).isInstanceOf(IllegalArgumentException.class);
    }
}
