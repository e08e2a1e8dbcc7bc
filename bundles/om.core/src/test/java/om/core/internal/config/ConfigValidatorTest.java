package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.config.ConfigIssue;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.keywords.KeywordTables;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private final ConfigValidator validator = new ConfigValidator(new KeywordTables(FakeRegistry.standard()));

    private List<ConfigIssue> validate(String text) {
        return validate("web", text);
    }

    private List<ConfigIssue> validate(String path, String text) {
        ObjectPath p = ObjectPath.parse(path);
        return validator.validate("etc/web.conf", text, EvalContext.standalone(p, "n1", Path.of("/var/x")));
    }

    private static void assertIssues(List<ConfigIssue> issues, String... expected) {
        assertEquals(List.of(expected), issues.stream().map(ConfigIssue::toString).toList());
    }

    @Test
    void sampleOfTheSpecHasOnlyDriverIssues() {
        List<ConfigIssue> issues = validate("""
                [DEFAULT]
                nodes = n1 n2
                orchestrate = ha
                monitor_action = freezestop

                [env]
                port = 8080

                [ip#0]
                ipname = 127.0.0.10
                ipdev = lo
                netmask = 8

                [disk#0]
                type = loop
                file = {var}/disk0.img
                standby = true

                [fs#0]
                type = ext4
                dev = {disk#0.exposed_devs[0]}
                mnt = /srv/{name}

                [app#0]
                type = simple
                start = /usr/bin/python3 -m http.server {env.port}
                monitor = true
                restart = 1
                restart@n2 = 2
                tags = web front
                """);
        assertIssues(issues,
                "etc/web.conf:12: unknown keyword 'netmask' in [ip#0] (driver ip.host)",
                "etc/web.conf:14: warning: disk#0: driver disk.loop is not available, its keywords are not checked",
                "etc/web.conf:24: warning: app#0: driver app.simple is not available, its keywords are not checked");
        assertTrue(ConfigValidator.errors(issues.subList(1, 3)).isEmpty());
    }

    @Test
    void unknownKeywordWithFileAndLine() {
        assertIssues(validate("[DEFAULT]\nnodes = n1\nfoo = 1\n[app#0]\nstart = a\nbar = b\n[subset#app:g]\nparallel = yes\nx = 1\n"),
                "etc/web.conf:3: unknown keyword 'foo' in [DEFAULT]",
                "etc/web.conf:6: unknown keyword 'bar' in [app#0] (driver app.forking)",
                "etc/web.conf:9: unknown keyword 'x' in [subset#app:g]");
    }

    @Test
    void envAcceptsAnyKey() {
        assertIssues(validate("[env]\nanything = 1\nelse = {nodename}\n"));
    }

    @Test
    void numbersNoDurationOrSizeHoldsAreBadValuesNotExceptions() {
        String digits = "9".repeat(40);
        assertIssues(validate("""
                [DEFAULT]
                timeout = %s
                start_timeout = 9999999999999999w
                stop_timeout = 9223372036854775807
                [fs#0]
                type = ext4
                mnt = /m
                size = 9000000t
                """.formatted(digits)),
                "etc/web.conf:2: DEFAULT.timeout: '" + digits + "' is not a duration (like 30s, 1h30m)",
                "etc/web.conf:3: DEFAULT.start_timeout: '9999999999999999w' is not a duration (like 30s, 1h30m)",
                "etc/web.conf:4: DEFAULT.stop_timeout: '9223372036854775807' is not a duration (like 30s, 1h30m)",
                "etc/web.conf:8: fs#0.size: '9000000t' is not a size (like 512m, 2g)");
    }

    @Test
    void badValues() {
        assertIssues(validate("""
                [DEFAULT]
                stonith = maybe
                timeout = 10 minutes
                flex_min = two
                topology = cluster
                monitor_action = freezestop explode
                pre_monitor_action = echo 'unterminated
                [fs#0]
                type = ext4
                mnt = /m
                size = 10 parsecs
                """),
                "etc/web.conf:2: DEFAULT.stonith: 'maybe' is not a boolean (true false yes no 1 0)",
                "etc/web.conf:3: DEFAULT.timeout: '10 minutes' is not a duration (like 30s, 1h30m)",
                "etc/web.conf:4: DEFAULT.flex_min: 'two' is not an integer",
                "etc/web.conf:5: DEFAULT.topology: 'cluster' is not one of: failover, flex",
                "etc/web.conf:6: DEFAULT.monitor_action: 'explode' is not one of: none, crash, freezestop, reboot, switch",
                "etc/web.conf:7: DEFAULT.pre_monitor_action: 'echo 'unterminated' is not a valid command line "
                        + "(unterminated single quote in 'echo 'unterminated')",
                "etc/web.conf:11: fs#0.size: '10 parsecs' is not a size (like 512m, 2g)");
    }

    @Test
    void badSchedulesNameTheKeywordAndThePart() {
        assertIssues(validate("""
                [DEFAULT]
                status_schedule = @10m
                monitor_schedule = * fry
                sync_schedule = 25:00-06:00
                run_schedule = ["@10m", "!12:00-14:00"]
                """),
                "etc/web.conf:3: DEFAULT.monitor_schedule: '* fry' is not a schedule (unknown day 'fry')",
                "etc/web.conf:4: DEFAULT.sync_schedule: '25:00-06:00' is not a schedule (bad time '25:00')");
    }

    @Test
    void schedulesAreCheckedAfterReferences() {
        assertIssues(validate("[DEFAULT]\nstatus_schedule = {env.s}\n[env]\ns = @x\n"),
                "etc/web.conf:2: DEFAULT.status_schedule: '@x' is not a schedule (bad interval '@x')");
        assertIssues(validate("[DEFAULT]\nstatus_schedule = {env.s}\nrun_schedule = @0\nsync_schedule =\n"
                + "[env]\ns = 08:00-18:00@30m mon-fri\n"));
    }

    @Test
    void valuesAreCheckedAfterReferences() {
        assertIssues(validate("[DEFAULT]\nflex_min = {env.n}\n[env]\nn = 2\n"));
        assertIssues(validate("[DEFAULT]\nflex_min = {env.n}\n[env]\nn = x\n"),
                "etc/web.conf:2: DEFAULT.flex_min: 'x' is not an integer");
        assertIssues(validate("[DEFAULT]\ncomment = {env.n}\n"),
                "etc/web.conf:2: DEFAULT.comment: reference {env.n}: no key 'n' in [env]");
    }

    @Test
    void missingRequired() {
        assertIssues(validate("[fs#0]\ntype = ext4\ndev = /dev/x\n[ip#1]\nname = 1.2.3.4\n"),
                "etc/web.conf:1: fs#0: missing required keyword 'mnt'",
                "etc/web.conf:4: ip#1: missing required keyword 'ipdev'");
    }

    @Test
    void typeRequiredForDiskAndFs() {
        assertIssues(validate("[disk#0]\nfile = /x\n[fs#0]\nmnt = /m\n"),
                "etc/web.conf:1: disk#0: missing required keyword 'type' (the disk group has no default type)",
                "etc/web.conf:3: fs#0: missing required keyword 'type' (the fs group has no default type)");
    }

    @Test
    void nonScopableScoped() {
        assertIssues(validate("[DEFAULT]\nnodes@n1 = n1\npriority@nodes = 3\norchestrate@n1 = ha\n"),
                "etc/web.conf:2: DEFAULT.nodes@n1: keyword 'nodes' is not scopable",
                "etc/web.conf:3: DEFAULT.priority@nodes: keyword 'priority' is not scopable");
    }

    @Test
    void sectionNames() {
        assertIssues(validate("[foo#1]\n[app]\n[Bad Name]\n[sync#i0]\n[subset#zz:g]\n[app#ok.1-x_y]\n"),
                "etc/web.conf:1: unknown section group 'foo' in [foo#1], groups are ip disk fs share container app sync task",
                "etc/web.conf:2: [app] is not a resource section, write [app#<index>]",
                "etc/web.conf:3: invalid section name [Bad Name]",
                "etc/web.conf:4: [sync#i0] is reserved for the config replication resource",
                "etc/web.conf:5: invalid section name [subset#zz:g]");
    }

    @Test
    void missingDriverChecksOnlyCommonKeywords() {
        List<ConfigIssue> issues = validate("[container#0]\nimage = busybox\nrestart = x\n");
        assertIssues(issues,
                "etc/web.conf:1: warning: container#0: driver container.podman is not available, its keywords are not checked",
                "etc/web.conf:3: container#0.restart: 'x' is not an integer");
        assertEquals(1, ConfigValidator.errors(issues).size());
    }

    @Test
    void syntaxErrorsComeFirstByLine() {
        assertIssues(validate("[DEFAULT]\nfoo = 1\nnodes = a\nnodes = b\n"),
                "etc/web.conf:2: unknown keyword 'foo' in [DEFAULT]",
                "etc/web.conf:4: duplicate key 'nodes' in section [DEFAULT]");
    }

    @Test
    void kindsWithoutResourcesGetSyntaxChecksOnly() {
        assertIssues(validate("cfg/c1", "[DEFAULT]\nanything = 1\n[data]\nk = v\n"));
        assertIssues(validate("cluster", "[cluster]\nname = c1\n[hb#1]\ntype = unicast\n"));
        assertIssues(validate("cfg/c1", "oops\n"), "etc/web.conf:1: malformed line, expected 'key = value': oops");
    }
}
