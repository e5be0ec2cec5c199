package network.mira.config;

/** The validation rules shared by the node config and genesis; each names the field it rejects. */
final class Checks {
    static final int MAX_PORT = 65_535;

    private Checks() {}

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "is required");
        }
        return value;
    }

    /** 0 is accepted: it asks the OS for any free port, which tests and local clusters rely on. */
    static int port(String field, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new ConfigException(field,
                    "must be between 1 and " + MAX_PORT + ", or 0 for any free port, got " + port);
        }
        return port;
    }

    static String host(String field, String host) {
        required(field, host);
        if (host.isBlank()) {
            throw new ConfigException(field, "must not be empty");
        }
        return host;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new ConfigException(field, "must be positive, got " + value);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new ConfigException(field, "must not be negative, got " + value);
        }
        return value;
    }

    static long between(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
