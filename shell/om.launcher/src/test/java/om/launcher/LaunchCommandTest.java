package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
    @Test
    void clientKeepsEveryArgumentVerbatim() throws Exception {
        assertEquals(new LaunchCommand.Client(List.of("*", "ls", "--daemon", "omd")),
                LaunchCommand.parse(List.of("client", "*", "ls", "--daemon", "omd")));
        assertEquals(new LaunchCommand.Client(List.of()), LaunchCommand.parse(List.of("client")));
    }

    @Test
    void omdModes() throws Exception {
        assertEquals(new LaunchCommand.Omd(false, false), LaunchCommand.parse(List.of("omd")));
        assertEquals(new LaunchCommand.Omd(true, false), LaunchCommand.parse(List.of("omd", "--daemon")));
        assertEquals(new LaunchCommand.Omd(false, true), LaunchCommand.parse(List.of("omd", "--shell")));
    }

    @Test
    void badCommandLinesAreOneLineErrors() {
        assertEquals("missing mode",
                assertThrows(LaunchCommand.UsageException.class, () -> LaunchCommand.parse(List.of())).getMessage());
        assertEquals("unknown mode 'run'", assertThrows(LaunchCommand.UsageException.class,
                () -> LaunchCommand.parse(List.of("run"))).getMessage());
        assertEquals("unknown omd option '--fork'", assertThrows(LaunchCommand.UsageException.class,
                () -> LaunchCommand.parse(List.of("omd", "--fork"))).getMessage());
        String both = assertThrows(LaunchCommand.UsageException.class,
                () -> LaunchCommand.parse(List.of("omd", "--shell", "--daemon"))).getMessage();
        assertTrue(both.contains("exclude"), both);
    }

    @Test
    void daemonStartIsRecognisedOnlyAsTheWholeCommandLine() {
        assertTrue(ClientMode.isDaemonStart(List.of("daemon", "start")));
        assertEquals(false, ClientMode.isDaemonStart(List.of("daemon", "start", "--help")));
        assertEquals(false, ClientMode.isDaemonStart(List.of("daemon", "status")));
        assertEquals(false, ClientMode.isDaemonStart(List.of("svc1", "daemon", "start")));
        assertEquals(false, ClientMode.isDaemonStart(List.of("daemon")));
    }
}
