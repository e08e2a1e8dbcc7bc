package om.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ops4j.pax.exam.Option;

/** The Felix set-up shared by the Pax Exam tests: the real bundles, a throw-away install root. */
final class OmFramework {
    static final String[] CORE = {"org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
        "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.gogo.runtime",
        "org.apache.felix.gogo.command", "jackson-annotations", "jackson-core", "jackson-databind",
        "jackson-datatype-jsr310", "om.api", "om.core", "om.selector", "om.log", "om.shell"};

    private OmFramework() {
    }

    static Path bundlesDir() {
        return Paths.get(System.getProperty("om.bundles.dir", "target/bundles"));
    }

    static Option bundleFile(String name) {
        return bundle(bundlesDir().resolve(name + ".jar").toUri().toString());
    }

    /** The core set plus junit, an install root under target/, node name n1. */
    static Option core(Path root) {
        Option[] bundles = new Option[CORE.length];
        for (int i = 0; i < CORE.length; i++) {
            bundles[i] = bundleFile(CORE[i]);
        }
        return composite(
                frameworkProperty("om.root").value(root.toString()),
                frameworkProperty("om.nodename").value("n1"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                composite(bundles),
                junitBundles());
    }

    static Path newRoot(String name) {
        try {
            Path base = Paths.get("target", "roots");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
