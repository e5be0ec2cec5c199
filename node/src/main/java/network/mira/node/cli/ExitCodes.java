package network.mira.node.cli;

/** The exit codes of {@code mira}; scripts depend on them, so they never change meaning. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The node refused the request, the transaction failed, or the input could not be used. */
    public static final int FAILURE = 1;
    /** Bad command line (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** The node could not be reached or did not answer in time. */
    public static final int UNREACHABLE = 3;
    /** The transaction did not reach the requested commitment within the timeout. */
    public static final int TIMEOUT = 4;

    private ExitCodes() {}
}
