package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The decision core against golden files: every {@code src/test/resources/golden/<case>.json} (a situation, see
 * {@link Fixture}) is run and its decisions compared with {@code <case>.expected} beside it.
 *
 * <p>To write the expected files again after a deliberate change (then read the diff before committing):
 * {@code mvn -B -o verify -pl bundles/om.orchestrator -am -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}. A new fixture without an expected file fails until it is written that way.
 */
class GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        return fixtures().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    /** A fixture set that ran empty would pass silently: the spec's examples must be there. */
    @Test
    void fixturesArePresent() throws IOException {
        assertTrue(fixtures().size() >= 40, "golden fixtures found: " + fixtures().size());
    }

    private static void check(Path json) throws IOException {
        String actual = new Fixture(json).render();
        Path expected = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".expected"));
        if (UPDATE) {
            Files.writeString(expected, actual);
            return;
        }
        assertTrue(Files.exists(expected), expected + " is missing: run with -Dgolden.update=true");
        assertEquals(Files.readString(expected), actual, json.getFileName().toString());
    }

    /**
     * Applying a plan to the deciding node's own data and deciding again at the same instant plans none of the
     * same decisions again: no action runs twice, no event is published twice, whatever the fixture.
     */
    @Test
    void aPlanAppliedIsNotPlannedAgain() throws IOException {
        for (Path json : fixtures()) {
            Fixture f = new Fixture(json);
            if (f.actionResult != null || f.requests != null || f.clearOn != null) {
                continue;
            }
            for (String n : f.decideFor) {
                Plan first = Orchestrator.decide(f.situation(n));
                Situation after = Fixture.applied(f.situation(n), first);
                Plan second = Orchestrator.decide(after);
                for (Decision d : first.decisions()) {
                    assertFalse(second.decisions().contains(d), json.getFileName() + " " + n + ": " + d.line()
                            + " planned again");
                }
            }
        }
    }

    private static List<Path> fixtures() throws IOException {
        assertFalse(!Files.isDirectory(DIR), DIR.toAbsolutePath() + " missing");
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
