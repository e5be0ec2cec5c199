package network.mira.rpc;

import java.io.IOException;
import java.net.BindException;

/**
 * A listening port could not be bound. The message names the address and the setting that chooses
 * it, because the operator's next step is to change that setting or stop the other process.
 */
public final class AddressInUseException extends IOException {
    private AddressInUseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Turns a failed bind into an operator-facing error; anything other than a bind failure is
     * returned unchanged.
     *
     * @param what       what was to be served, e.g. "gRPC"
     * @param setting    the config key and flag, e.g. "rpc.port / --rpc-port"
     */
    static IOException translate(IOException failure, String what, String host, int port, String setting) {
        BindException bind = bindCause(failure);
        if (bind == null) {
            return failure;
        }
        String reason = bind.getMessage() == null ? "bind failed" : bind.getMessage();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return new AddressInUseException("cannot serve " + what + " on " + host + ":" + port
                    + ": address already in use (another mira-node or program holds it); choose another port with "
                    + setting, failure);
        }
        return new IOException("cannot serve " + what + " on " + host + ":" + port + ": " + reason
                + "; check the host and port (" + setting + ")", failure);
    }

    private static BindException bindCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }
}
