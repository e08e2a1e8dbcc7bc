package om.selector.internal;

import java.util.Map;

/** The objects every selector test runs over, evaluated as node {@code n1}. */
final class Fixture {
    static final String NODE = "n1";

    private Fixture() {
    }

    static FakeStore store() {
        FakeStore s = new FakeStore(NODE, Map.of(
                "DEFAULT.nodes", NODE, "DEFAULT.priority", "50", "DEFAULT.orchestrate", "no",
                "DEFAULT.monitor_schedule", "@1m", "DEFAULT.app", "default", "*.monitor", "false"));
        s.add("mydns", "[DEFAULT]\nnodes = n1   n2\n");
        s.add("ns1/svc/webdns", "[DEFAULT]\n");
        s.add("ha1", "[DEFAULT]\npriority = 10\n[app#1]\ntimeout = 10s\n");
        s.add("ha2", "[DEFAULT]\npriority = 20\n[app#1]\ntimeout = 1\ntags = web  db\n");
        s.add("ha3", "[DEFAULT]\norchestrate = ha\napp = myapp\ncomment = hello world\n"
                + "lock_timeout = 2m\nlock_timeout@n1 = 5s\nlock_timeout@n2 = 7s\n");
        s.add("ha4", "[app#a.b]\ntimeout = 2m\n");
        s.add("vol/ha5", "[app#1]\ntimeout = 10s\n");
        s.add("ns1/svc/ha6", "[app#1]\ntimeout = 10s\n");
        s.add("iptask", "[env]\nfoo = bar\n[ip#1]\nipname = 127.0.0.9\n[task#1]\ncommand = /bin/true\n");
        s.add("iponly", "[ip#1]\nipname = 127.0.0.8\n");
        s.add("ns2/svc/iptask2", "[ip#0]\nipname = 127.0.0.7\n[task#backup]\ncommand = /bin/true\n");
        s.add("mon1", "[fs#1]\nmonitor = True\n");
        s.add("mon2", "[DEFAULT]\nmonitor_schedule = @5m\nmonitor_action = freezestop crash\n"
                + "[app#1]\nmonitor = yes\n");
        s.add("mon3", "[DEFAULT]\nmonitor_schedule@n2 = @5m\n[app#1]\nmonitor = yes\n");
        s.add("mon4", "[DEFAULT]\ncomment = a+b\n[app#1]\nmonitor = false\n");
        s.add("refs", "[DEFAULT]\ncomment = {env.nope}\n[env]\nx = 5\n[container#1]\nstart_timeout = {env.x}\n");
        s.add("cfg/conf1", "[DEFAULT]\n[data]\nk = v\n");
        s.add("ns1/sec/s1", "[DEFAULT]\n");
        s.add("cluster", "[cluster]\nname = c1\n");
        s.add("ns1/", "[DEFAULT]\n");
        s.add("broken", FakeStore.BROKEN);
        s.add("ns3/svc/ghost", FakeStore.NOT_INSTALLED);
        return s;
    }
}
