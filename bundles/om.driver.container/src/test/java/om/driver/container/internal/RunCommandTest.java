package om.driver.container.internal;

import om.api.driver.CommandText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import om.api.ObjectPath;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.testkit.FakeContext;
import org.junit.jupiter.api.Test;

class RunCommandTest {
    private static FakeContext ctx(String path, String rid, String... kv) {
        return FakeContext.builder().path(ObjectPath.parse(path)).rid(rid).varDir(Path.of("/tmp/none"))
                .keywords(ContainerKeywords.all()).defaultTimeout(Duration.ofSeconds(30)).values(kv).build();
    }

    @Test
    void defaultsGiveDetachedInitContainerNamedAfterTheObject() throws ActionException {
        FakeContext c = ctx("web1", "container#0", "image", "localhost/busybox:1");
        assertEquals(List.of("podman", "run", "-d", "--name", "web1.container.0", "--init", "localhost/busybox:1"),
                Flavor.PODMAN.runArgv(ContainerSettings.from(c)));
    }

    @Test
    void namespacedObjectsGetTheNamespaceInTheName() {
        FakeContext c = ctx("prod/svc/web1", "container#db", "image", "i");
        assertEquals("prod..web1.container.db", ContainerSettings.name(c));
        assertEquals("podman container prod..web1.container.db@i", new PodmanDriver().label(c));
        assertEquals("docker container x@i", new DockerDriver().label(c.set("name", "x")));
    }

    @Test
    void everyKeywordReachesTheRunCommandInOrder() throws ActionException {
        FakeContext c = ctx("web1", "container#1", "image", "img:2", "name", "c1", "command", "/bin/sh -c 'echo hi'",
                "entrypoint", "/bin/env", "run_args", "--network none --ulimit nofile=1024:1024",
                "environment", "A=1 B=x=y", "hostname", "h1", "user", "nobody", "volume_mounts", "/a:/b:ro /c:/d",
                "privileged", "true", "init", "false", "interactive", "yes", "tty", "1", "rm", "true",
                "runtime", "runc");
        assertEquals(List.of("podman", "--runtime", "runc", "run", "-d", "--name", "c1", "--rm", "-i", "-t",
                "--privileged", "--hostname", "h1", "--user", "nobody", "-e", "A=1", "-e", "B=x=y", "-v", "/a:/b:ro",
                "-v", "/c:/d", "--entrypoint", "/bin/env", "--network", "none", "--ulimit", "nofile=1024:1024",
                "img:2", "/bin/sh", "-c", "echo hi"), Flavor.PODMAN.runArgv(ContainerSettings.from(c)));
    }

    @Test
    void dockerTakesTheRuntimeAsARunOption() throws ActionException {
        FakeContext c = ctx("web1", "container#0", "image", "i", "runtime", "runc", "detach", "false");
        assertEquals(List.of("docker", "run", "--runtime", "runc", "--name", "web1.container.0", "--init", "i"),
                Flavor.DOCKER.runArgv(ContainerSettings.from(c)));
    }

    @Test
    void multiWordEntrypointIsAJsonArray() throws ActionException {
        FakeContext c = ctx("web1", "container#0", "image", "i", "entrypoint", "/bin/sh -c 'say \"x\"'");
        List<String> argv = Flavor.PODMAN.runArgv(ContainerSettings.from(c));
        assertEquals("[\"/bin/sh\",\"-c\",\"say \\\"x\\\"\"]", argv.get(argv.indexOf("--entrypoint") + 1));
    }

    @Test
    void netnsNamingAnotherContainerResourceJoinsItsNamespace() throws ActionException {
        FakeContext c = ctx("web1", "container#1", "image", "i", "netns", "container#0");
        c.section("container#0", "image", "i");
        List<String> argv = Flavor.PODMAN.runArgv(ContainerSettings.from(c));
        assertEquals("container:web1.container.0", argv.get(argv.indexOf("--network") + 1));
        c.section("container#0", "name", "pause");
        assertEquals("container:pause", ContainerSettings.from(c).network());
        c.set("netns", "container#9");
        assertEquals("netns container#9 is not a resource of web1",
                assertThrows(ActionException.class, () -> ContainerSettings.from(c)).getMessage());
        c.set("netns", "host");
        assertEquals("host", ContainerSettings.from(c).network());
    }

    @Test
    void badValuesFailWithOneLine() {
        assertEquals("container#0.image is not set", assertThrows(ActionException.class,
                () -> ContainerSettings.from(ctx("w", "container#0"))).getMessage());
        assertEquals("invalid environment entry 'NOEQUALS': expected KEY=value", assertThrows(ActionException.class,
                () -> ContainerSettings.from(ctx("w", "container#0", "image", "i", "environment", "NOEQUALS")))
                .getMessage());
        assertEquals("invalid image_pull_policy 'never': expected once or always", assertThrows(ActionException.class,
                () -> ContainerSettings.from(ctx("w", "container#0", "image", "i", "image_pull_policy", "never")))
                .getMessage());
        assertTrue(assertThrows(ActionException.class,
                () -> ContainerSettings.from(ctx("w", "container#0", "image", "i", "command", "echo 'x")))
                .getMessage().startsWith("invalid command: unterminated single quote"));
    }

    @Test
    void keywordTableCoversTheSpec() {
        Set<String> names = ContainerKeywords.all().stream().map(Keyword::name).collect(Collectors.toSet());
        for (String k : List.of("image", "name", "command", "entrypoint", "run_args", "environment", "hostname",
                "netns", "user", "volume_mounts", "privileged", "init", "interactive", "tty", "rm", "detach",
                "image_pull_policy", "pull_timeout", "start_timeout", "stop_timeout", "runtime")) {
            assertTrue(names.contains(k), k);
        }
        Keyword image = ContainerKeywords.all().stream().filter(k -> k.name().equals("image")).findFirst()
                .orElseThrow();
        assertTrue(image.required());
        assertTrue(ContainerKeywords.all().stream().allMatch(k -> !k.doc().isBlank()));
    }

    @Test
    void loggedCommandLinesQuoteOnlyWhatNeedsIt() {
        assertEquals("podman run -d --name a 'sh -c' 'it'\\''s' ''",
                CommandText.of(List.of("podman", "run", "-d", "--name", "a", "sh -c", "it's", "")));
    }
}
