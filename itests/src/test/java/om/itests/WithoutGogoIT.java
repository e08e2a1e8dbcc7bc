package om.itests;

import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Path;
import java.nio.file.Paths;
import javax.inject.Inject;
import om.api.cli.CommandRunner;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** om.shell without the Gogo bundles: the verbs still run (issue 8, optional imports and references). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WithoutGogoIT {
    @Inject
    private CommandRunner runner;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(OptionalBundles.coreWithout(OmFramework.newRoot("nogogo"), "org.apache.felix.gogo.runtime",
                "org.apache.felix.gogo.command"));
    }

    @Test
    public void lsAndStartWork() throws Exception {
        OptionalBundles.lsAndStart(runner, Paths.get(context.getProperty("om.root")));
    }
}
