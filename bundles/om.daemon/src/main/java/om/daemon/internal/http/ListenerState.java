package om.daemon.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import om.api.daemon.ListenerEndpoint;
import om.api.daemon.ThreadStatus;

/**
 * What {@link HttpConfigurator} knows of the listener: Felix HTTP starts Jetty on its own thread and reports a
 * bind failure only in its log, so the state comes from the probe that follows each configuration: our own
 * server answered (running), or it did not and the reason is looked for (a port another process holds).
 */
final class ListenerState implements ListenerStatus {
    private final Clock clock;
    private volatile ThreadStatus status;
    // the endpoint of the configuration in force, applied or not (a port in use still shows where it should be)
    private volatile ListenerEndpoint config;

    ListenerState(Clock clock) {
        this.clock = clock;
        this.status = new ThreadStatus(ThreadStatus.STOPPED, clock.instant(), List.of());
    }

    @Override
    public ThreadStatus status() {
        return status;
    }

    @Override
    public ListenerEndpoint config() {
        return config;
    }

    /** The configuration in force names this endpoint (before it is applied, and whether it binds or not). */
    void configured(ListenerConfig c) {
        config = new ListenerEndpoint(c.addr(), c.port());
    }

    /** The node API answered on the listener just configured. */
    void running() {
        if (!ThreadStatus.RUNNING.equals(status.state())) {
            status = new ThreadStatus(ThreadStatus.RUNNING, clock.instant(), List.of());
        }
    }

    /** It cannot listen, for this one-line reason. */
    void failed(String reason) {
        if (!ThreadStatus.FAILED.equals(status.state()) || !status.alerts().equals(List.of(reason))) {
            status = new ThreadStatus(ThreadStatus.FAILED, clock.instant(), List.of(reason));
        }
    }

    /** Configuration deleted (bundle stopping): nothing listens. */
    void stopped() {
        status = new ThreadStatus(ThreadStatus.STOPPED, clock.instant(), List.of());
    }

    /**
     * Why the listener does not answer on addr:port: {@code cannot listen on <addr>:<port>: <cause>} when the port
     * cannot be bound (in use by another process, an address not of this host), else that it does not answer.
     */
    static String reason(String addr, int port) {
        String where = ListenerConfig.authority(addr, port);
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(ListenerConfig.isWildcard(addr) ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(addr), port));
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "cannot listen on " + where + ": " + m.toLowerCase(java.util.Locale.ROOT);
        }
        return "cannot listen on " + where + ": the node API does not answer";
    }
}
