package om.core.internal.action;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.core.internal.driver.CommandDriver;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.driver.FakeConfig;
import om.core.internal.driver.FakeDriver;
import om.core.internal.driver.FakeInstallation;
import om.core.internal.driver.FakeStore;
import om.core.internal.driver.RecordingLog;
import om.core.internal.exec.ProcessExecutor;
import om.core.internal.status.StatusServiceImpl;

/** An engine over fake drivers of every group, sharing one call journal, on a test install root. */
final class EngineFixture {
    final FakeInstallation inst;
    final FakeStore store;
    final DriverRegistryImpl drivers = new DriverRegistryImpl();
    final List<String> journal = new CopyOnWriteArrayList<>();
    final Map<String, FakeDriver> byGroup;
    final ActionEngineImpl engine;
    final RecordingLog log = new RecordingLog();

    final CommandDriver commands = new CommandDriver();

    EngineFixture(Path root) {
        this(root, 10, java.time.Duration.ofSeconds(30));
    }

    EngineFixture(Path root, int maxParallel, java.time.Duration drainTimeout) {
        inst = new FakeInstallation(root, "n1");
        store = new FakeStore(inst);
        byGroup = Map.of("ip", new FakeDriver("ip", "host", journal), "disk", new FakeDriver("disk", "loop", journal),
                "fs", new FakeDriver("fs", "flag", journal), "share", new FakeDriver("share", "nfs", journal),
                "container", new FakeDriver("container", "podman", journal),
                "app", new FakeDriver("app", "forking", journal), "sync", new FakeDriver("sync", "rsync", journal),
                "task", new FakeDriver("task", "host", journal));
        byGroup.values().forEach(drivers::addDriver);
        drivers.addDriver(commands);
        ProcessExecutor exec = new ProcessExecutor();
        engine = ActionEngineImpl.create(store, drivers, inst, StatusServiceImpl.withExecutor(store, drivers, inst, exec), exec,
                new om.core.internal.status.InstanceFlagsImpl(inst), maxParallel, drainTimeout);
    }

    /** web1 with one resource of each group, written in a shuffled order. */
    FakeConfig web1() {
        return store.create("web1").section("app#1").section("task#0").set("fs#0", "type", "flag")
                .section("sync#0").section("app#0").section("container#0").section("ip#0")
                .set("disk#0", "type", "loop").section("share#0");
    }

    FakeDriver driver(String group) {
        return byGroup.get(group);
    }

    ActionResult run(String action, ActionOptions o) {
        return engine.run(ObjectPath.parse("web1"), action, o, log);
    }

    /** The journal lines of one verb, without the verb. */
    List<String> calls(String verb) {
        return journal.stream().filter(l -> l.startsWith(verb + " ")).map(l -> l.substring(verb.length() + 1))
                .toList();
    }

    static ActionOptions opts(boolean force, boolean dryRun, boolean disableRollback, List<String> rids, String tags,
                              List<String> subsets) {
        return new ActionOptions(force, dryRun, disableRollback, rids, tags, subsets, null);
    }

    static ActionOptions rids(String... rids) {
        return opts(false, false, false, List.of(rids), null, List.of());
    }
}
