package om.daemon.internal.bridge;

/**
 * The bridge as a service of the daemon, for sessions that arrive over another carrier than the Unix socket (the
 * node API's {@code POST /api/cli}, {@code om --server}): one copy of the request, execution and stream handling,
 * and the same bounds (the connection pool and its reserved lane, the request bounds, the drain at stop) for both.
 */
public interface BridgeSessions {
    /**
     * Serves one session in the calling thread: reads the request, runs the command and sends its output and exit
     * code, or a one-line refusal ({@code error: the daemon is busy ...}, {@code error: the daemon is stopping}).
     * Returns when the session is over; failures of the link end it quietly (the client went away).
     */
    void serve(BridgeLink link);
}
