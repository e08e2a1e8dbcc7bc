package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonRenderTest {
    private static final String DATA = """
            {"cluster": {"nodes": ["n2", "n1"]},
             "listener": {"state": "running"},
             "hb#1.rx": {"state": "running", "type": "unicast", "config": {"addr": "0.0.0.0", "port": 10000},
                         "peers": {"n2": {"beating": true}}},
             "monitor": {"state": "running",
               "nodes": {"n1": {"frozen": false, "stats": {"load_15m": 0.4},
                                "services": {"status": {"web": {"avail": "up", "overall": "warn",
                                    "frozen": false, "provisioned": "true",
                                    "monitor": {"state": "idle", "global_expect": "none", "is_leader": true}}}}},
                         "n2": {"frozen": true, "monitor": {"state": "idle", "global_expect": "none"}}},
               "services": {"web": {"avail": "up", "overall": "warn", "placement": "optimal",
                                    "topology": "failover", "scope": ["n1", "n2"]}}}}
            """;

    @Test
    void rendersTheLayoutOfTheSpec() throws Exception {
        JsonNode data = new ObjectMapper().readTree(DATA);
        assertEquals("""
                Threads                           n1  n2
                 hb#1.rx  running 0.0.0.0:10000 | /   O
                 listener running
                 monitor  running

                Nodes                             n1  n2
                 15m                            | 0.4 /
                 state                          |     *

                Services                          n1  n2
                 web      up!     failover      | O!^ /
                """, MonRender.render(data));
    }

    @Test
    void sectionsSelectWhatIsShown() throws Exception {
        JsonNode data = new ObjectMapper().readTree(DATA);
        assertEquals("""
                Services                n1  n2
                 web     up! failover | O!^ /
                """, MonRender.render(data, Set.of("services")));
    }
}
