package om.core.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriverRegistryImplTest {
    @Test
    void driversComeAndGoAndEachChangeBumpsTheGeneration() {
        DriverRegistryImpl r = new DriverRegistryImpl();
        FakeDriver app = new FakeDriver("app", "forking");
        long g0 = r.generation();
        r.addDriver(app);
        long g1 = r.generation();
        assertNotEquals(g0, g1);
        assertSame(app, r.find("app", "forking").orElseThrow());
        assertTrue(r.find("app", "simple").isEmpty());
        assertEquals(1, r.all().size());
        r.removeDriver(app);
        assertTrue(r.find("app", "forking").isEmpty());
        assertTrue(r.all().isEmpty());
        assertNotEquals(g1, r.generation());
    }

    @Test
    void aDuplicateDriverTakesOverWhenTheFirstLeaves() {
        DriverRegistryImpl r = new DriverRegistryImpl();
        FakeDriver first = new FakeDriver("fs", "flag");
        FakeDriver second = new FakeDriver("fs", "flag");
        r.addDriver(first);
        r.addDriver(second);
        assertSame(first, r.find("fs", "flag").orElseThrow());
        assertEquals(1, r.all().size());
        r.removeDriver(first);
        assertSame(second, r.find("fs", "flag").orElseThrow());
    }

    @Test
    void nullTypeFindsNothing() {
        DriverRegistryImpl r = new DriverRegistryImpl();
        r.addDriver(new FakeDriver("fs", "flag"));
        assertTrue(r.find("fs", null).isEmpty());
    }
}
