package network.mira.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the text of one setting (YAML scalar, env var, flag) into its Java value. Only the type is
 * checked here; ranges and cross-field rules belong to {@link NodeConfig}. A failure throws
 * {@link IllegalArgumentException} whose message the caller prefixes with field and source.
 */
enum ValueType {
    PATH {
        @Override
        Object parse(String text) {
            return path(text);
        }
    },
    /** A path that may be left unset; its default is derived from another key. */
    OPTIONAL_PATH {
        @Override
        Object parse(String text) {
            return Optional.of(path(text));
        }

        @Override
        String format(Object value) {
            return ((Optional<?>) value).map(Object::toString).orElse("");
        }
    },
    STRING {
        @Override
        Object parse(String text) {
            return text;
        }
    },
    /** Text that may be left unset; an empty text leaves it unset. */
    OPTIONAL_STRING {
        @Override
        Object parse(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        @Override
        String format(Object value) {
            return ((Optional<?>) value).map(Object::toString).orElse("");
        }
    },
    /** A URL that may be left unset; only its syntax is checked here, scheme and host by {@link NodeConfig}. */
    OPTIONAL_URL {
        @Override
        Object parse(String text) {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new URI(text));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
            }
        }

        @Override
        String format(Object value) {
            return ((Optional<?>) value).map(Object::toString).orElse("");
        }
    },
    INT {
        @Override
        Object parse(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer (at most " + Integer.MAX_VALUE
                        + "), got '" + text + "'");
            }
        }
    },
    LONG {
        @Override
        Object parse(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer (at most " + Long.MAX_VALUE
                        + "), got '" + text + "'");
            }
        }
    },
    /** Comma-separated {@code NODE_ID@HOST:PORT} entries; in YAML also a list of them. */
    PEER_LIST {
        @Override
        Object parse(String text) {
            return PeerAddress.parseList(text);
        }

        @Override
        String format(Object value) {
            List<PeerAddress> peers = new ArrayList<>();
            for (Object peer : (List<?>) value) {
                peers.add((PeerAddress) peer);
            }
            return PeerAddress.format(peers);
        }

        @Override
        boolean isList() {
            return true;
        }
    },
    LOG_FORMAT {
        @Override
        Object parse(String text) {
            for (NodeConfig.LogFormat format : NodeConfig.LogFormat.values()) {
                if (format.configName().equalsIgnoreCase(text)) {
                    return format;
                }
            }
            throw new IllegalArgumentException(
                    "must be one of " + NodeConfig.LogFormat.allowed() + ", got '" + text + "'");
        }

        @Override
        String format(Object value) {
            return ((NodeConfig.LogFormat) value).configName();
        }
    },
    VERIFIER {
        @Override
        Object parse(String text) {
            for (NodeConfig.VerifierKind kind : NodeConfig.VerifierKind.values()) {
                if (kind.configName().equalsIgnoreCase(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "must be one of " + NodeConfig.VerifierKind.allowed() + ", got '" + text + "'");
        }

        @Override
        String format(Object value) {
            return ((NodeConfig.VerifierKind) value).configName();
        }
    },
    LOG_LEVEL {
        @Override
        Object parse(String text) {
            try {
                return NodeConfig.LogLevel.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "must be one of " + NodeConfig.LogLevel.allowed() + ", got '" + text + "'");
            }
        }
    };

    /** @throws IllegalArgumentException saying what was expected and what was found */
    abstract Object parse(String text);

    /** The text that {@link #parse} would turn back into {@code value}; used for docs and help. */
    String format(Object value) {
        return String.valueOf(value);
    }

    /** Whether a YAML list is accepted for this key (its entries are joined with commas). */
    boolean isList() {
        return false;
    }

    private static Path path(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getMessage());
        }
    }
}
