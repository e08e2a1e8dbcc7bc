package om.core.internal.action;

import static om.core.internal.action.EngineFixture.rids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.action.LogEvent;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.status.Level;
import om.api.status.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exposed devices at action time, parallel subsets, keyword validation before acting. */
class EngineExtensionsTest {
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    @Test
    void aResourceReadsTheDeviceItsDiskExposesOnceStarted() {
        f.web1().set("fs#0", "dev", "{disk#0.exposed_devs[0]}");
        f.driver("disk").exposes.put("disk#0", List.of("/dev/loop4"));
        f.driver("fs").readKey = "dev";
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals("/dev/loop4", f.driver("fs").seen.get("fs#0"));
        assertEquals("fake fs#0 /dev/loop4", r.status().resources().get("fs#0").label());
        f.driver("fs").states.put("fs#0", Status.DOWN);
        assertTrue(f.run("start", rids("fs")).ok());

        assertTrue(f.run("stop", ActionOptions.defaults()).ok());
        f.journal.clear();
        ActionResult alone = f.run("start", rids("fs#0"));
        assertFalse(alone.ok());
        assertEquals("fs#0: reference {disk#0.exposed_devs[0]}: disk#0 exposes no device (is it up?)", alone.error());
        assertEquals(List.of(), f.calls("start").stream().filter(s -> !s.equals("fs#0")).toList());
    }

    @Test
    void stoppingOnADownDiskMeansAlreadyDown() {
        f.web1().set("fs#0", "dev", "{disk#0.exposed_devs[0]}");
        f.driver("fs").readKey = "dev";
        f.driver("fs").states.put("fs#0", Status.UP);
        assertTrue(f.run("stop", rids("fs#0")).ok());
        assertEquals(List.of(), f.calls("stop"));
        assertTrue(f.log.has("fs#0", Level.INFO, "fake fs#0 {disk#0.exposed_devs[0]} is already down"),
                f.log.lines().toString());
    }

    @Test
    void membersOfAParallelSubsetStartTogetherAndTheNextGroupWaits() {
        f.web1().set("app#0", "subset", "web").set("app#1", "subset", "web").set("app#2", "subset", "web")
                .set("subset#app:web", "parallel", "true").set("container#0", "subset", "web");
        f.driver("app").startDelay = Duration.ofMillis(400);
        f.driver("container").startDelay = Duration.ofMillis(100);
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals(3, f.driver("app").maxActive.get(), "the three 400 ms starts overlapped");
        List<String> j = f.journal;
        assertTrue(j.indexOf("started container#0") < j.indexOf("start app#0"), "container#0 first: " + j);
        for (String line : f.log.events.stream().map(LogEvent::message).toList()) {
            assertFalse(line.contains("\n"));
        }
    }

    @Test
    void withoutParallelTheSubsetIsSequentialAndAFailureInABatchRollsBackAll() {
        f.web1().set("app#0", "subset", "web").set("app#1", "subset", "web");
        f.driver("app").startDelay = Duration.ofMillis(100);
        assertTrue(f.run("start", rids("app")).ok());
        assertEquals(1, f.driver("app").maxActive.get());

        EngineFixture g = new EngineFixture(root.resolve("g"));
        g.web1().set("app#0", "subset", "web").set("app#1", "subset", "web").set("subset#app:web", "parallel", "yes");
        g.driver("app").startDelay = Duration.ofMillis(200);
        g.driver("app").failStart.add("app#1");
        ActionResult r = g.run("start", ActionOptions.defaults());
        assertEquals("app#1: start of app#1 failed on purpose", r.error());
        assertEquals(2, g.driver("app").maxActive.get());
        assertEquals(List.of("app#0", "container#0", "share#0", "fs#0", "disk#0", "ip#0"), g.calls("stop"));
    }

    @Test
    void aMissingRequiredKeywordFailsBeforeAnythingStarts() {
        f.driver("fs").keywordTable.add(Keyword.required("mnt", KeywordType.STRING, "mount point"));
        f.driver("fs").keywordTable.add(Keyword.of("size", KeywordType.SIZE, null, "size"));
        om.core.internal.driver.FakeConfig cfg = f.web1();
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("fs#0: mnt is required", r.error());
        assertEquals(List.of(), f.calls("start"));
        assertEquals(List.of(), f.calls("stop"), "nothing to roll back");
        assertTrue(f.log.has("fs#0", Level.ERROR, "mnt is required"));

        cfg.set("fs#0", "mnt", "/srv").set("fs#0", "size", "12q");
        assertEquals("fs#0: size: invalid value '12q' (expected a size (like 512m, 2g))",
                f.run("start", ActionOptions.defaults()).error());
        cfg.set("fs#0", "size", "12m").set("app#1", "restart", "many");
        assertEquals("app#1: restart: invalid value 'many' (expected an integer)",
                f.run("start", ActionOptions.defaults()).error());
        assertEquals(List.of(), f.calls("start"));
        cfg.set("app#1", "restart", "1");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
    }

    @Test
    void anOptionalResourceWithABadKeywordIsLeftOutAndTheRestStarts() {
        f.driver("fs").keywordTable.add(Keyword.required("mnt", KeywordType.STRING, "mount point"));
        f.web1().set("fs#0", "optional", "true");
        ActionResult r = f.run("start", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertFalse(f.calls("start").contains("fs#0"));
        assertTrue(f.calls("start").contains("app#1"));
        assertTrue(f.log.has("fs#0", Level.ERROR, "mnt is required"));
    }

    @Test
    void keywordsAreNotValidatedForStopOrForSkippedResources() {
        f.driver("fs").keywordTable.add(Keyword.required("mnt", KeywordType.STRING, "mount point"));
        f.web1().set("fs#0", "disable", "true");
        assertTrue(f.run("start", ActionOptions.defaults()).ok());
        f.web1().set("fs#0", "disable", "false");
        f.driver("fs").states.put("fs#0", Status.UP);
        assertTrue(f.run("stop", ActionOptions.defaults()).ok());
        assertTrue(f.calls("stop").contains("fs#0"));
    }
}
