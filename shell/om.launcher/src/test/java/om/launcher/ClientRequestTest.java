package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientRequestTest {
    @Test
    void forwardsTheListedVariablesAndEveryOmOne() {
        Map<String, String> env = Map.of("TERM", "xterm", "PATH", "/bin", "OM_ROOT", "/r", "OM_X", "1",
                "SECRET_TOKEN", "no", "LC_ALL", "C", "OMX", "no", "JAVA_HOME", "/j");
        assertEquals(Map.of("TERM", "xterm", "PATH", "/bin", "OM_ROOT", "/r", "OM_X", "1", "LC_ALL", "C"),
                ClientRequest.forwardedEnv(env));
    }

    @Test
    void widthComesFromColumns() {
        assertEquals(120, ClientRequest.width(Map.of("COLUMNS", "120")));
        assertEquals(0, ClientRequest.width(Map.of("COLUMNS", "wide")));
        assertEquals(0, ClientRequest.width(Map.of()));
    }

    @Test
    void processRequestUsesTheWorkingDirectory() {
        ClientRequest r = ClientRequest.ofProcess(List.of("ls"), Map.of("COLUMNS", "90"), true);
        assertEquals(List.of("ls"), r.args());
        assertEquals(java.nio.file.Path.of("").toAbsolutePath(), r.cwd());
        assertEquals(90, r.width());
        assertEquals(true, r.tty());
    }
}
