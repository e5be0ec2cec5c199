package network.mira.verification.verifier;

import java.io.IOException;

/**
 * A knowledge file that cannot be used; the whole file is refused. The message is
 * {@code SOURCE:LINE: reason}, or {@code SOURCE: reason} for the file as a whole (line 0).
 */
public final class KnowledgeFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;
    private final String reason;

    public KnowledgeFileException(String source, int lineNumber, String reason) {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + reason);
        this.source = source;
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /** The file's path or resource name. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem; 0 when it concerns the whole file (size, unreadable). */
    public int lineNumber() {
        return lineNumber;
    }

    public String reason() {
        return reason;
    }
}
