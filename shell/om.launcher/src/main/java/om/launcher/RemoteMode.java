package om.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code om --server https://<node>[:<port>] ARGS...} (heartbeats-and-daemon section 7): the command line goes to
 * that node's daemon over its node API ({@code POST /api/cli}, {@link RemoteLink}) with this node's credentials,
 * and runs there as it would from a terminal of that node: same output, exit code, stdin, signals and
 * {@code --watch} reconnection. Never the local daemon, never the embedded framework.
 */
final class RemoteMode {
    /**
     * What of this process's environment describes the caller's terminal, forwarded; the rest of what the local
     * bridge forwards ({@code OM_ROOT}, {@code OM_NODENAME}, {@code PATH}, {@code HOME}, {@code USER}) describes this
     * node, not the server's: its {@code OM_NODENAME} would make the server refuse the command.
     */
    static final Set<String> NOT_FORWARDED = Set.of("OM_ROOT", "OM_NODENAME", "PATH", "HOME", "USER");

    private RemoteMode() {
    }

    static int run(Layout layout, ClientRequest local, InputStream in, PrintStream out, PrintStream err) {
        ServerTarget.Split split;
        try {
            split = ServerTarget.split(local.args());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        ServerTarget target = split.target();
        NodeCredentials.Credentials credentials;
        try {
            credentials = NodeCredentials.read(layout);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        // no cwd: a folder of this node means nothing there (the server uses its install root)
        ClientRequest request = new ClientRequest(split.args(), null, remoteEnv(local.env()), local.tty(),
                local.width());
        ClientMode.Connector connector = () -> RemoteLink.open(target, credentials,
                new ServerTrust(target, layout.var().resolve("certs")), err);
        BridgeClient.Link first;
        try {
            first = connector.connect();
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        return ClientMode.relay(connector, first, request, in, out, err, target.toString(),
                BridgeClient.Session.KEEP_ALIVE);
    }

    static Map<String, String> remoteEnv(Map<String, String> forwarded) {
        Map<String, String> env = new TreeMap<>(forwarded);
        env.keySet().removeAll(NOT_FORWARDED);
        return env;
    }
}
