package om.core.internal.action;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.core.internal.driver.ResourceSpec;
import org.junit.jupiter.api.Test;

class ResourceFilterTest {
    private static ResourceSpec spec(String rid) {
        return new ResourceSpec(rid, rid.substring(0, rid.indexOf('#')), "t", null, List.of(), false, false, false,
                false, 0);
    }

    @Test
    void tagExpressions() {
        assertTrue(ResourceFilter.matchesTags(List.of("a", "b"), "a+b,c"));
        assertTrue(ResourceFilter.matchesTags(List.of("c"), "a+b,c"));
        assertFalse(ResourceFilter.matchesTags(List.of("a"), "a+b,c"));
        assertFalse(ResourceFilter.matchesTags(List.of(), "a"));
        assertTrue(ResourceFilter.matchesTags(List.of("x", "a"), "a"));
        assertFalse(ResourceFilter.matchesTags(List.of("a"), ""));
    }

    @Test
    void ridItems() {
        assertTrue(ResourceFilter.matchesRid(spec("fs#1"), List.of("fs#1")));
        assertTrue(ResourceFilter.matchesRid(spec("fs#1"), List.of("fs")));
        assertTrue(ResourceFilter.matchesRid(spec("fs#10"), List.of("fs#1*")));
        assertTrue(ResourceFilter.matchesRid(spec("fs#2"), List.of("fs#[12]")));
        assertTrue(ResourceFilter.matchesRid(spec("fs#a"), List.of("fs#?")));
        assertFalse(ResourceFilter.matchesRid(spec("fs#ab"), List.of("fs#?")));
        assertFalse(ResourceFilter.matchesRid(spec("fs#1"), List.of("app", "fs#2", "f")));
        assertFalse(ResourceFilter.matchesRid(spec("fs#1"), List.of("fs.1")), "a dot is not a wildcard");
    }
}
