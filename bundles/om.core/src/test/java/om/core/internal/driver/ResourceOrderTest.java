package om.core.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceOrderTest {
    private static ResourceSpec spec(String rid, String subset) {
        String group = rid.substring(0, rid.indexOf('#'));
        return new ResourceSpec(rid, group, "t", subset, List.of(), false, false, false, false, 0);
    }

    private static List<String> order(List<ResourceSpec> specs, Map<String, String> keys) {
        List<ResourceSpec> l = new ArrayList<>(specs);
        l.sort(ResourceOrder.comparator(s -> s, s -> keys.get(s.rid())));
        return l.stream().map(ResourceSpec::rid).toList();
    }

    @Test
    void groupsThenSubsetsThenIndexes() {
        List<ResourceSpec> specs = List.of(spec("task#a", null), spec("app#10", null), spec("app#2", null),
                spec("app#1", "s1"), spec("sync#0", null), spec("fs#1", null), spec("ip#0", null),
                spec("container#0", null), spec("disk#0", null), spec("share#0", null), spec("app#0", "s0"));
        assertEquals(List.of("ip#0", "disk#0", "fs#1", "share#0", "container#0", "app#2", "app#10", "app#0",
                "app#1", "sync#0", "task#a"), order(specs, Map.of()));
    }

    @Test
    void integersCompareNumericallyOtherwiseAsStrings() {
        List<ResourceSpec> specs = List.of(spec("app#b", null), spec("app#10", null), spec("app#9", null),
                spec("app#a", null));
        assertEquals(List.of("app#9", "app#10", "app#a", "app#b"), order(specs, Map.of()));
    }

    @Test
    void driverSortKeyWins() {
        List<ResourceSpec> specs = List.of(spec("fs#0", null), spec("fs#1", null), spec("fs#2", null));
        Map<String, String> mnt = Map.of("fs#0", "/srv/a/b", "fs#1", "/srv/a", "fs#2", "/srv/0");
        assertEquals(List.of("fs#2", "fs#1", "fs#0"), order(specs, mnt));
    }
}
