package network.mira.verification.claims;

import java.util.List;

/**
 * Words whose final period does not end a sentence. The list is fixed and short on purpose: every
 * entry is a word that seldom ends a sentence, so an entry merges two sentences rarely, and a
 * missing one only splits a claim in two. {@code etc.} and {@code No.} are left out because they
 * end sentences often ("apples, pears, etc. Then ..."; "Is it? No. It is ...").
 */
final class Abbreviations {
    private Abbreviations() {}

    /** Compared without ASCII case: {@code DR.} and {@code dr.} are abbreviations too. */
    static final List<String> WORDS = List.of("Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "vs", "cf",
            "e.g", "i.e", "approx", "Fig", "Inc", "Ltd", "Corp", "U.S", "U.K", "U.N");

    /**
     * True when the period at {@code period} ends an abbreviation: the run of ASCII letters and
     * periods just before it is a listed word, or is one ASCII capital letter (an initial, as in
     * {@code John F. Kennedy}).
     */
    static boolean endsAbbreviation(CharSequence line, int period) {
        int start = period;
        while (start > 0 && isLetterOrPeriod(line.charAt(start - 1))) {
            start--;
        }
        CharSequence word = line.subSequence(start, period);
        if (word.length() == 1 && word.charAt(0) >= 'A' && word.charAt(0) <= 'Z') {
            return true;
        }
        for (String listed : WORDS) {
            if (equalsIgnoringAsciiCase(listed, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLetterOrPeriod(char c) {
        return Ascii.isLetter(c) || c == '.';
    }

    private static boolean equalsIgnoringAsciiCase(String listed, CharSequence word) {
        if (listed.length() != word.length()) {
            return false;
        }
        for (int i = 0; i < listed.length(); i++) {
            if (Ascii.toLowerCase(listed.charAt(i)) != Ascii.toLowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
