package network.mira.sessions.intent;

/** A value without its canonical syntax; the parser adds the line and the key to the detail. */
final class BadValue extends Exception {
    BadValue(String detail) {
        super(detail, null, false, false);
    }
}
