package om.core.internal.keywords;

import java.util.List;
import om.api.config.Keyword;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;

/** A driver that only has a keyword table. */
public record FakeDriver(String group, String type, List<Keyword> keywords) implements ResourceDriver {
    /** app.forking with start/stop/check commands and a required-free table. */
    public static FakeDriver appForking() {
        return new FakeDriver("app", "forking", List.of(
                Keyword.of("start", om.api.config.KeywordType.COMMAND, null, "start command"),
                Keyword.of("stop", om.api.config.KeywordType.COMMAND, null, "stop command"),
                Keyword.of("check", om.api.config.KeywordType.COMMAND, null, "check command"),
                Keyword.of("timeout", om.api.config.KeywordType.DURATION, null, "timeout"),
                Keyword.of("restart", om.api.config.KeywordType.INT, "3", "refined common keyword")));
    }

    /** fs.ext4 with a required mnt. */
    public static FakeDriver fsExt4() {
        return new FakeDriver("fs", "ext4", List.of(
                Keyword.required("mnt", om.api.config.KeywordType.STRING, "mount point"),
                Keyword.of("dev", om.api.config.KeywordType.STRING, null, "device"),
                Keyword.of("size", om.api.config.KeywordType.SIZE, null, "size")));
    }

    /** ip.host with ipname (alias name) required. */
    public static FakeDriver ipHost() {
        return new FakeDriver("ip", "host", List.of(
                Keyword.required("ipname", om.api.config.KeywordType.STRING, "address").withAliases("name"),
                Keyword.required("ipdev", om.api.config.KeywordType.STRING, "device").withAliases("dev")));
    }

    @Override
    public String label(ResourceContext ctx) {
        return id();
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start(ResourceContext ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(ResourceContext ctx) {
        throw new UnsupportedOperationException();
    }
}
