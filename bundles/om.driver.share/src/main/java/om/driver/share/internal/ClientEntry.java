package om.driver.share.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.driver.ActionException;

/**
 * One client of an export, as written in the opts keyword.
 *
 * @param client  the host, network, netgroup or wildcard, {@code *} for everyone
 * @param options the comma-separated options, empty for exportfs's defaults
 */
public record ClientEntry(String client, String options) {
    private static final Pattern ENTRY = Pattern.compile("([^()\\s]*)(?:\\(([^()\\s]*)\\))?");
    public static final String WORLD = "*";

    /** Parses {@code client1(ro,fsid=0) *(ro)}; a syntax error names the faulty entry. */
    public static List<ClientEntry> parseAll(String opts) throws ActionException {
        List<ClientEntry> result = new ArrayList<>();
        for (String token : opts.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(token);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2) == null)) {
                throw new ActionException("invalid opts entry '" + token + "': expected <client>(<options>)");
            }
            String client = m.group(1).isEmpty() ? WORLD : m.group(1);
            if (result.stream().anyMatch(e -> e.client().equalsIgnoreCase(client))) {
                throw new ActionException("invalid opts: client " + client + " is listed twice");
            }
            result.add(new ClientEntry(client, m.group(2) == null ? "" : m.group(2)));
        }
        if (result.isEmpty()) {
            throw new ActionException("invalid opts: no client entry");
        }
        return List.copyOf(result);
    }

    public List<String> optionList() {
        return options.isEmpty() ? List.of() : List.of(options.split(","));
    }

    /** {@code <client>:<path>}, the exportfs operand. */
    public String target(String path) {
        return client + ":" + path;
    }
}
