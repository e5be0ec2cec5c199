package network.mira.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import network.mira.core.crypto.PublicKey;

/**
 * A peer to dial: its node id (the base58 Ed25519 public key of its p2p identity, checked during the
 * handshake) and where it listens. Text form {@code NODE_ID@HOST:PORT}; an IPv6 host is written in
 * brackets ({@code NODE_ID@[::1]:7700}). The port is 1..65535: 0 means "any free port" only for a
 * listener, never for a peer.
 */
public record PeerAddress(PublicKey id, String host, int port) {
    /** Longest host name DNS allows. */
    public static final int MAX_HOST_LENGTH = 253;
    /** Bound on one list (persistent peers, seeds): a config is not a peer database. */
    public static final int MAX_LIST_ENTRIES = 256;

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public PeerAddress {
        Objects.requireNonNull(id, "id");
        checkHost(Objects.requireNonNull(host, "host"));
        if (port < 1 || port > Checks.MAX_PORT) {
            throw new IllegalArgumentException("port must be 1.." + Checks.MAX_PORT + ", got " + port);
        }
    }

    /**
     * Parses {@code NODE_ID@HOST:PORT}.
     *
     * @throws IllegalArgumentException saying what is wrong and quoting the text
     */
    public static PeerAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected NODE_ID@HOST:PORT, there is no '@' in '" + text + "'");
        }
        String idText = text.substring(0, at);
        String address = text.substring(at + 1);
        PublicKey id;
        try {
            id = PublicKey.fromBase58(idText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node id '" + idText + "' in '" + text
                    + "' is not a base58 Ed25519 public key: " + e.getMessage());
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected NODE_ID@HOST:PORT, there is no ':PORT' in '" + text + "'");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
            host = host.substring(1, host.length() - 1);
            if (!IPV6.matcher(host).matches()) {
                throw new IllegalArgumentException("'[" + host + "]' in '" + text + "' is not an IPv6 address");
            }
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("an IPv6 host must be in brackets (NODE_ID@[::1]:7700), got '"
                    + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + portText + "' in '" + text + "' is not a number");
        }
        try {
            return new PeerAddress(id, host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'");
        }
    }

    /**
     * Parses a comma-separated list; blanks around entries are ignored, an empty or blank text is
     * the empty list. Entries are numbered from 1 in errors. Duplicates are left to
     * {@link #checkDistinct}, which also guards lists built in code.
     *
     * @throws IllegalArgumentException naming the entry, e.g. "entry 2 of 3: port '77x' in '...' is not a number"
     */
    public static List<PeerAddress> parseList(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return List.of();
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_LIST_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_LIST_ENTRIES + " entries, got " + entries.length);
        }
        List<PeerAddress> peers = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = "entry " + (i + 1) + " of " + entries.length;
            if (entry.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty (two commas in a row, or a trailing comma)");
            }
            try {
                peers.add(parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(peers);
    }

    /** The list as {@link #parseList} reads it: entries joined by commas. */
    public static String format(List<PeerAddress> peers) {
        return String.join(",", peers.stream().map(PeerAddress::toString).toList());
    }

    /**
     * Refuses a list longer than {@link #MAX_LIST_ENTRIES} or naming one node id or one address
     * twice: a duplicate is a copy-paste mistake that would otherwise hide a missing peer.
     *
     * @throws ConfigException for {@code field}, naming both entries (numbered from 1)
     */
    static void checkDistinct(String field, List<PeerAddress> peers) {
        if (peers.size() > MAX_LIST_ENTRIES) {
            throw new ConfigException(field, "at most " + MAX_LIST_ENTRIES + " entries, got " + peers.size());
        }
        Map<PublicKey, Integer> ids = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            PeerAddress peer = Checks.required(field + "[" + i + "]", peers.get(i));
            Integer sameId = ids.putIfAbsent(peer.id(), i + 1);
            if (sameId != null) {
                throw new ConfigException(field, "entry " + (i + 1) + " (" + peer + ") repeats the node id of entry "
                        + sameId);
            }
            Integer sameAddress = addresses.putIfAbsent(peer.hostPort().toLowerCase(Locale.ROOT), i + 1);
            if (sameAddress != null) {
                throw new ConfigException(field, "entry " + (i + 1) + " (" + peer + ") repeats the address "
                        + peer.hostPort() + " of entry " + sameAddress);
            }
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return id.toBase58() + "@" + hostPort();
    }

    private static void checkHost(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (host.length() > MAX_HOST_LENGTH) {
            throw new IllegalArgumentException("host must be at most " + MAX_HOST_LENGTH + " characters, got "
                    + host.length());
        }
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host
                    + "' is not a host name, an IPv4 address or a bracketed IPv6 address");
        }
    }
}
