package om.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

/** The om verbs typed as Gogo command lines in a real Felix with the real bundles and the app driver. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {
    @Inject
    private CommandProcessor processor;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(OmFramework.core(OmFramework.newRoot("shell")), OmFramework.bundleFile("om.driver.app"));
    }

    private OmLine om(String args) throws Exception {
        return OmLine.run(processor, "om " + args);
    }

    private Path root() {
        return Paths.get(context.getProperty("om.root"));
    }

    @Test
    public void createListStartStopAnApp() throws Exception {
        Path marker = root().resolve("web1.running");
        OmLine r = om("web1 create --kw nodes=n1 --kw \"app#0.start=/bin/touch " + marker + "\""
                + " --kw \"app#0.stop=/bin/rm -f " + marker + "\" --kw \"app#0.check=/usr/bin/test -e " + marker + "\"");
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(Files.exists(root().resolve("etc/web1.conf")));

        r = om("'*' ls");
        assertEquals(r.toString(), "web1\n", r.out);

        r = om("web1 start --local");
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.contains("n1.web1.app#0"));
        assertTrue(r.toString(), r.out.contains("exec /bin/touch " + marker));
        assertTrue(Files.exists(marker));

        r = om("web1 print status");
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(r.toString(), r.out.startsWith("overall"));
        assertTrue(r.toString(), r.out.matches("(?s).*'- app#0 +\\.{8} up +forking app /bin/touch.*"));

        r = om("web1 stop --local");
        assertEquals(r.toString(), 0, r.exit);
        assertTrue(Files.notExists(marker));
        r = om("web1 print status --format json");
        assertTrue(r.toString(), r.out.contains("\"avail\" : \"down\""));
    }

    @Test
    public void badInputGivesOneLineAndNonZeroExit() throws Exception {
        OmLine r = om("nosuchobject print status");
        assertEquals(r.toString(), 1, r.exit);
        assertEquals("error: nosuchobject: object not found\n", r.err);

        r = om("Web1 ls");
        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.startsWith("error: invalid selector 'Web1'"));

        r = om("daemon status");
        assertEquals(r.toString(), 1, r.exit);
        assertEquals("error: daemon is not running\n", r.err);
    }

    @Test
    public void helpListsTheVerbs() throws Exception {
        OmLine r = om("help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("print status"));
        r = om("ls --help");
        assertTrue(r.out.startsWith("usage: om [<selector>] ls"));
    }
}
