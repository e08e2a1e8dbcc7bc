package om.core.internal.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import org.junit.jupiter.api.Test;

class KeywordCatalogImplTest {
    private final FakeRegistry registry = FakeRegistry.standard();
    private final KeywordCatalogImpl catalog = new KeywordCatalogImpl(registry);

    @Test
    void tablesComeFromTheSameSourcesAsValidation() {
        assertEquals(DefaultKeywords.table(), catalog.header());
        assertEquals(ResourceKeywords.common(), catalog.resourceCommon());
        assertEquals(ResourceKeywords.subset(), catalog.subset());
        assertTrue(catalog.resourceCommon().stream().anyMatch(k -> k.name().equals("start_requires")));
    }

    @Test
    void driverTablesFollowTheRegistry() {
        assertEquals(List.of("app.forking", "fs.ext4", "ip.host"), catalog.driverIds());
        assertEquals(Optional.of(List.of("mnt", "dev", "size")),
                catalog.driver("fs", "ext4").map(l -> l.stream().map(Keyword::name).toList()));
        assertEquals(catalog.driver("ip", "host"), catalog.driver("ip", null), "null type is the group default");
        assertEquals(Optional.empty(), catalog.driver("fs", null), "fs has no default type");
        assertEquals(Optional.empty(), catalog.driver("fs", "xfs"));
        registry.remove("fs.ext4");
        assertEquals(Optional.empty(), catalog.driver("fs", "ext4"));
        assertEquals(List.of("app.forking", "ip.host"), catalog.driverIds());
    }
}
