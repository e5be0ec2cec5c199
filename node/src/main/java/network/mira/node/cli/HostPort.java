package network.mira.node.cli;

/** A gRPC endpoint given as {@code host:port} (IPv6 hosts in brackets: {@code [::1]:50051}). */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected host:port, got an empty value");
        }
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("expected host:port (e.g. 127.0.0.1:50051), got '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 host must be in brackets, e.g. [::1]:50051; got '"
                    + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port in '" + text + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port in '" + text + "' must be 1..65535");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
