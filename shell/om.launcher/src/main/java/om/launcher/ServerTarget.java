package om.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The daemon {@code om --server https://<node>[:<port>] ...} talks to: a host (a node name, a host name or an
 * address, as written) and the port of its node API (default 1215, {@code listener.port}'s default).
 */
record ServerTarget(String host, int port) {
    static final String OPTION = "--server";
    static final int DEFAULT_PORT = 1215;
    static final String FORM = "https://<node>[:<port>]";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]+\\]");

    /** A command line with its {@code --server} taken off: the target and the rest, sent to it. */
    record Split(ServerTarget target, List<String> args) {
        Split {
            args = List.copyOf(args);
        }
    }

    /** Whether the command line names a server: {@code --server} (or {@code --server=...}) before the verb. */
    static boolean present(List<String> args) {
        return !args.isEmpty() && (args.get(0).equals(OPTION) || args.get(0).startsWith(OPTION + "="));
    }

    /**
     * {@code --server URL rest...} or {@code --server=URL rest...}.
     *
     * @throws IllegalArgumentException with the one line to print, for a missing or malformed URL
     */
    static Split split(List<String> args) {
        String first = args.get(0);
        String value;
        List<String> rest;
        if (first.startsWith(OPTION + "=")) {
            value = first.substring(OPTION.length() + 1);
            rest = args.subList(1, args.size());
        } else {
            if (args.size() < 2 || args.get(1).startsWith("-")) {
                throw new IllegalArgumentException(OPTION + " needs a value: " + FORM);
            }
            value = args.get(1);
            rest = args.subList(2, args.size());
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " needs a value: " + FORM);
        }
        return new Split(parse(value), rest);
    }

    /** {@code https://host[:port][/]}: nothing else (no user, path, query or fragment), https only. */
    static ServerTarget parse(String url) {
        String bad = OPTION + " " + url + ": ";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(bad + "not a URL (" + FORM + ")");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw new IllegalArgumentException(bad + "not a URL (" + FORM + ")");
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException(bad + "the node API is https only (" + FORM + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(bad + "no user in the URL: the node credentials are this node's");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(bad + "a node's address only, without a path (" + FORM + ")");
        }
        String host = uri.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            // URI leaves the host null for an authority it cannot read as host:port (a bad port, a "_")
            throw new IllegalArgumentException(bad + "no valid host and port (" + FORM + ")");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(bad + "port out of range");
        }
        return new ServerTarget(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** Whether the host is an IP address literal (compared as written with the certificate's IP names). */
    boolean isAddress() {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** The authority as a Host header and a URL write it, IPv6 in brackets. */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The file name of this target's pin: {@code <host>_<port>}, lower-cased. */
    String pinName() {
        return host.toLowerCase(Locale.ROOT) + "_" + port;
    }

    @Override
    public String toString() {
        return "https://" + authority();
    }
}
