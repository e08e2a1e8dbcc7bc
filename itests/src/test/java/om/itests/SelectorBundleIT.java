package om.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.options;

import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The selector engine is its own bundle: stopped, verbs say so at once; started again, they work. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SelectorBundleIT {
    @Inject
    private CommandProcessor processor;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(OmFramework.core(OmFramework.newRoot("selector")));
    }

    @Test
    public void stopAndStartTheSelectorBundle() throws Exception {
        assertEquals(0, OmLine.run(processor, "om s1 create --kw nodes=n1").exit);
        assertEquals(0, OmLine.run(processor, "om vol/v1 create --kw nodes=n1").exit);
        OmLine r = OmLine.run(processor, "om '**' ls");
        assertEquals(r.toString(), "s1\nvol/v1\n", r.out);

        Bundle selector = null;
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals("om.selector")) {
                selector = b;
            }
        }
        selector.stop();
        r = OmLine.run(processor, "om '**' ls");
        assertEquals(r.toString(), 1, r.exit);
        assertEquals("error: selector service unavailable\n", r.err);

        selector.start();
        r = OmLine.run(processor, "om '*' ls");
        assertEquals(r.toString(), 0, r.exit);
        assertEquals("s1\n", r.out);
    }
}
