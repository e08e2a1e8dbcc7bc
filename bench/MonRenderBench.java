import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.shell.internal.render.MonRender;

/**
 * The cost of rendering om mon inside the daemon, without the bridge: a synthetic dataset of NODES nodes, each
 * holding an instance of every one of OBJECTS objects, rendered RUNS times after a warm-up; prints the median.
 * Run by bench/mon.sh (java single-file launch on the built jars).
 */
public class MonRenderBench {
    public static void main(String[] args) {
        int nodes = Integer.parseInt(args[0]);
        int objects = Integer.parseInt(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        DaemonStatus data = dataset(nodes, objects);
        MonRender.View view = new MonRender.View("n1", Set.copyOf(MonRender.SECTIONS), false, null);
        int chars = 0;
        for (int i = 0; i < 20; i++) {
            chars = MonRender.render(data, view).length();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            MonRender.render(data, view);
            t[i] = System.nanoTime() - s;
        }
        java.util.Arrays.sort(t);
        System.out.printf(java.util.Locale.ROOT, "%.1f ms (%d characters)%n", t[runs / 2] / 1e6, chars);
    }

    static DaemonStatus dataset(int nodeCount, int objectCount) {
        Instant t = Instant.now();
        List<String> nodes = new ArrayList<>();
        for (int n = 1; n <= nodeCount; n++) {
            nodes.add("n" + n);
        }
        Map<String, ThreadStatus> threads = new TreeMap<>();
        Map<String, HeartbeatStatus> hbs = new TreeMap<>();
        ThreadStatus running = new ThreadStatus("running", t, List.of());
        for (String th : List.of("listener", "monitor", "scheduler", "hb#1.rx", "hb#1.tx")) {
            threads.put(th, running);
        }
        Map<String, HeartbeatStatus.Peer> peers = new TreeMap<>();
        nodes.subList(1, nodes.size()).forEach(n -> peers.put(n, new HeartbeatStatus.Peer(true, t)));
        hbs.put("hb#1.rx", new HeartbeatStatus("hb#1.rx", "unicast", "0.0.0.0", 10000, "5s", "15s", peers, "ping",
                HeartbeatStatus.Stats.NONE, Map.of()));
        hbs.put("hb#1.tx", new HeartbeatStatus("hb#1.tx", "unicast", null, 0, "5s", "15s", peers, "ping",
                HeartbeatStatus.Stats.NONE, Map.of()));
        Map<String, NodeData> data = new TreeMap<>();
        Map<String, ObjectStatus> objects = new TreeMap<>();
        for (int o = 1; o <= objectCount; o++) {
            objects.put("svc" + o, new ObjectStatus(Status.UP, Status.UP, "optimal", "unfrozen", "true", "failover",
                    "ha", 1, nodeCount, 1, 1, nodes));
        }
        for (String n : nodes) {
            Map<String, InstanceStatus> inst = new TreeMap<>();
            Map<String, InstanceMonitor> mon = new TreeMap<>();
            Map<String, ObjectConfigSummary> cfg = new TreeMap<>();
            boolean leader = n.equals("n1");
            for (int o = 1; o <= objectCount; o++) {
                String p = "svc" + o;
                inst.put(p, new InstanceStatus(p, n, "svc", "failover", "ha", leader ? Status.UP : Status.DOWN,
                        leader ? Status.UP : Status.DOWN, Status.NA, "true", false, null, t, t, List.of(), Map.of(),
                        50));
                mon.put(p, InstanceMonitor.idle(leader));
                cfg.put(p, new ObjectConfigSummary(nodes, "csum", t));
            }
            data.put(n, new NodeData(new NodeMonitor("idle", "none", t), false, null, t, Map.of(n, 1L),
                    new NodeStats(0.5, 90, 15900, 70, 2047, 100), cfg, inst, mon));
        }
        return new DaemonStatus(new ClusterIdentity("bench", "id", nodes, false), threads, hbs, data, objects);
    }
}
