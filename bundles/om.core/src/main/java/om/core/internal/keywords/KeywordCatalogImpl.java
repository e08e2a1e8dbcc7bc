package om.core.internal.keywords;

import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.config.KeywordCatalog;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The keyword tables for {@code config doc}: the same tables validation and defaults use, the driver ones read
 * from the registry at each call (drivers come and go with their bundles).
 */
@Component(service = KeywordCatalog.class)
public final class KeywordCatalogImpl implements KeywordCatalog {
    private final DriverRegistry drivers;

    @Activate
    public KeywordCatalogImpl(@Reference DriverRegistry drivers) {
        this.drivers = drivers;
    }

    @Override
    public List<Keyword> header() {
        return DefaultKeywords.table();
    }

    @Override
    public List<Keyword> resourceCommon() {
        return ResourceKeywords.common();
    }

    @Override
    public Optional<List<Keyword>> driver(String group, String type) {
        String t = KeywordTables.effectiveType(group, type);
        if (group == null || t == null) {
            return Optional.empty();
        }
        return drivers.find(group, t).map(KeywordCatalogImpl::keywords);
    }

    @Override
    public List<String> driverIds() {
        return drivers.all().stream().map(ResourceDriver::id).sorted().toList();
    }

    @Override
    public List<Keyword> subset() {
        return ResourceKeywords.subset();
    }

    @Override
    public List<String> nodeSections() {
        return NodeKeywords.documented();
    }

    @Override
    public List<Keyword> nodeSection(String section, String type) {
        // "hb#<n>" as the documentation writes it: any index names the same table
        String s = section.replace("<n>", "0").replace("<node>", "n");
        return NodeKeywords.table(s, type);
    }

    private static List<Keyword> keywords(ResourceDriver d) {
        try {
            List<Keyword> k = d.keywords();
            return k == null ? List.of() : List.copyOf(k);
        } catch (RuntimeException | LinkageError e) {
            // the driver's bundle is leaving: it has no table any more
            return List.of();
        }
    }
}
