package om.daemon.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import om.api.daemon.ThreadStatus;
import org.junit.jupiter.api.Test;

class ListenerStateTest {
    /** A port another process holds: failed, with the reason the bind gives. */
    @Test
    void aPortInUseIsTheReason() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = other.getLocalPort();
            String why = ListenerState.reason("127.0.0.1", port);
            assertEquals("cannot listen on 127.0.0.1:" + port + ": address already in use", why);
            ListenerState s = new ListenerState(Clock.systemUTC());
            assertEquals(ThreadStatus.STOPPED, s.status().state());
            assertEquals(null, s.config(), "nothing configured yet");
            s.configured(new ListenerConfig("127.0.0.1", port));
            s.failed(why);
            assertEquals(new om.api.daemon.ListenerEndpoint("127.0.0.1", port), s.config(),
                    "where it should listen, though it cannot");
            assertEquals(ThreadStatus.FAILED, s.status().state());
            assertEquals(List.of(why), s.status().alerts());
            s.running();
            assertEquals(ThreadStatus.RUNNING, s.status().state());
            assertEquals(List.of(), s.status().alerts());
        }
    }

    /** A free port that nothing answers on: the reason says so. */
    @Test
    void aFreePortThatDoesNotAnswer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        assertEquals("cannot listen on 127.0.0.1:" + port + ": the node API does not answer",
                ListenerState.reason("127.0.0.1", port));
    }
}
