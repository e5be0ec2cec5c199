package network.mira.node.verify;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A decimal flag in [0, 1] such as {@code 0.8}, turned into whole units of a fixed denominator at the
 * edge, so nothing past the command line sees a float. More digits than the unit holds are refused,
 * not rounded: 0.80005 is not a basis-point value.
 */
final class Fraction {
    private Fraction() {}

    /**
     * @param denominator 10,000 for basis points, 1,000,000 for parts per million
     * @throws IllegalArgumentException naming the flag when the text is not such a fraction
     */
    static int toUnits(String flag, String text, int denominator) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a decimal between 0 and 1, got '" + text + "'");
        }
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(flag + " must be between 0 and 1, got " + text);
        }
        BigDecimal units = value.multiply(BigDecimal.valueOf(denominator));
        if (units.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(flag + " has more digits than 1/" + denominator + " units: " + text);
        }
        BigInteger whole = units.toBigIntegerExact();
        return whole.intValueExact();
    }
}
