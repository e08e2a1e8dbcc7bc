package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void flattensWithQuotedMembersSortedAndNoEmptyContainers() {
        Json json = new Json();
        ObjectNode root = json.object();
        root.with("monitor").with("services").with("ns1/svc/web").put("avail", "up");
        root.with("hb#1.rx").with("peers").with("n2").put("beating", true);
        root.putArray("empty");
        root.putObject("nothing");
        root.putArray("list").add("a").add(2);
        root.putNull("n");
        assertEquals(List.of(
                ".'hb#1.rx'.peers.n2.beating = true",
                ".list[0] = a",
                ".list[1] = 2",
                ".monitor.services.'ns1/svc/web'.avail = up",
                ".n = null"), Json.flatten(root));
    }
}
