package om.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The app driver lives in the FileInstall deploy folder: taking its jar away turns app resources to n/a with the
 * reason, putting it back makes them work again, in the same running framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {
    @Inject
    private CommandProcessor processor;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws Exception {
        Path root = OmFramework.newRoot("hotdeploy");
        Path deploy = Files.createDirectories(root.resolve("deploy"));
        Files.copy(OmFramework.bundlesDir().resolve("om.driver.app.jar"), deploy.resolve("om.driver.app.jar"));
        return options(OmFramework.core(root), OmFramework.bundleFile("org.apache.felix.fileinstall"),
                frameworkProperty("felix.fileinstall.dir").value(deploy.toString()),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.log.level").value("1"));
    }

    private OmLine om(String args) throws Exception {
        return OmLine.run(processor, "om " + args);
    }

    private OmLine waitFor(String args, String expected) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        OmLine r = om(args);
        while (!r.out.contains(expected) && System.nanoTime() < end) {
            Thread.sleep(200);
            r = om(args);
        }
        assertTrue("waited for '" + expected + "' in\n" + r, r.out.contains(expected));
        return r;
    }

    @Test
    public void removingAndRestoringTheDriverJar() throws Exception {
        Path root = Paths.get(context.getProperty("om.root"));
        Path jar = root.resolve("deploy/om.driver.app.jar");
        OmLine r = om("hd create --kw nodes=n1 --kw app#0.start=/bin/true --kw app#0.check=/bin/true");
        assertEquals(r.toString(), 0, r.exit);
        waitFor("hd print status", "up         forking app /bin/true");

        Path away = root.resolve("om.driver.app.jar.away");
        Files.move(jar, away);
        r = waitFor("hd print status", "warn: driver app.forking is not available");
        assertTrue(r.toString(), r.out.matches("(?s).*app#0 +\\.{8} n/a .*"));
        r = om("hd start --local");
        assertTrue(r.toString(), r.exit != 0 || r.err.contains("not available") || r.out.contains("not available"));

        Files.copy(away, jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor("hd print status", "up         forking app /bin/true");
    }
}
