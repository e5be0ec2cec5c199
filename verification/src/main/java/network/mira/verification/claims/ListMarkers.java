package network.mira.verification.claims;

/**
 * Bullets and item numbers that start list items in AI outputs ({@code - }, {@code * }, {@code + },
 * {@code 1. }, {@code 12) }): removed, since "1." would otherwise be a sentence of its own and a
 * bullet is not part of what is claimed.
 */
final class ListMarkers {
    private ListMarkers() {}

    /** Most digits of an item number: {@code 2024. } is a year ending a sentence, not an item. */
    static final int MAX_ITEM_DIGITS = 3;

    /**
     * The index after any leading whitespace and list markers, each marker with the whitespace after
     * it: {@code "  - 1. Paris"} gives the index of {@code P}.
     */
    static int skipLeading(CharSequence text) {
        int position = skipWhitespace(text, 0);
        int markerEnd = markerEnd(text, position);
        while (markerEnd > position) {
            position = skipWhitespace(text, markerEnd);
            markerEnd = markerEnd(text, position);
        }
        return position;
    }

    /** The index just after a marker at {@code start} (including one whitespace), or {@code start} if none. */
    private static int markerEnd(CharSequence text, int start) {
        int end = start;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '*' || text.charAt(end) == '+')) {
            end++;
        } else {
            while (end < text.length() && end - start < MAX_ITEM_DIGITS && Ascii.isDigit(text.charAt(end))) {
                end++;
            }
            if (end == start || end == text.length() || (text.charAt(end) != '.' && text.charAt(end) != ')')) {
                return start;
            }
            end++;
        }
        return end < text.length() && Ascii.isWhitespace(text.charAt(end)) ? end + 1 : start;
    }

    private static int skipWhitespace(CharSequence text, int from) {
        int position = from;
        while (position < text.length() && Ascii.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }
}
