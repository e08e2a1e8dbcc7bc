package om.core.internal.store;

import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.config.KeywordChange;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.node.InstallationImpl;

/**
 * Run in a separate JVM by the concurrency test: another om process setting keywords ({@code om <path> set}) on
 * the same object while the test JVM does too. Args: root, path, key prefix, count; prints "ready" then waits
 * for a line on stdin before writing, so both JVMs write at once.
 */
public final class ConfigWriterMain {
    private ConfigWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectStoreImpl store = new ObjectStoreImpl(new InstallationImpl(Path.of(args[0]), "n1"), FakeRegistry.standard());
        ObjectPath path = ObjectPath.parse(args[1]);
        int count = Integer.parseInt(args[3]);
        System.out.println("ready");
        System.out.flush();
        System.in.read();
        for (int i = 0; i < count; i++) {
            store.change(path, List.of(new KeywordChange("env", args[2] + i, null, "v" + i)));
        }
        System.out.println("done");
        System.out.flush();
    }
}
