package om.orchestrator.internal.resources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionEngine;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.cluster.ClusterView;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.api.orchestration.PlacementRow;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/**
 * A node as the resource monitor sees it, simulated: one object's resources whose status tests set (a process
 * killed) and which the engine starts and stops as the real one would (the stopped flag, the local expect, the
 * last start, a status evaluated after each action, events published), the flags, the cluster view with the
 * peers, and an orchestrator that records the requests. The clock moves only when the test says.
 */
final class SimNode {
    static final String SELF = "n1";
    final String path = "web";
    final ObjectPath objectPath = ObjectPath.parse(path);
    final MapConfig cfg = new MapConfig(path);
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    final Map<String, Status> resources = new LinkedHashMap<>();
    /** Resources whose start fails (the status stays down). */
    final Set<String> startFails = ConcurrentHashMap.newKeySet();
    final List<String> actions = new CopyOnWriteArrayList<>();
    final List<String> orchestrated = new CopyOnWriteArrayList<>();
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Flags flags = new Flags();
    final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
    final Events events = new Events();
    final Map<String, NodeData> peers = new HashMap<>();
    volatile InstanceMonitor monitor = new InstanceMonitor("idle", "none", "started", true, null);
    volatile boolean nodeFrozen;
    Instant lastStartedAt = Instant.parse("2026-12-01T11:00:00Z");
    volatile DaemonStatus snapshot;
    final ClusterView view = () -> snapshot;

    SimNode res(String rid, Status s, String... keyValues) {
        resources.put(rid, s);
        cfg.set(rid, "type", "forking");
        for (int i = 0; i < keyValues.length; i += 2) {
            cfg.set(rid, keyValues[i], keyValues[i + 1]);
        }
        return this;
    }

    SimNode object(String key, String value) {
        cfg.set("DEFAULT", key, value);
        return this;
    }

    ResourceMonitorService service(MonitorHooks hooks) {
        publish();
        ResourceMonitorService s = new ResourceMonitorService(view, events, engine, p -> {
            loads.incrementAndGet();
            return Optional.of(cfg);
        }, flags,
                orchestration, SELF, hooks, clock);
        s.setLog(e -> logged.add(e.message()));
        s.subscribe();
        return s;
    }

    synchronized InstanceStatus status() {
        ResourceRules rules = ResourceRules.from(cfg);
        Map<String, ResourceStatus> res = new LinkedHashMap<>();
        resources.forEach((rid, s) -> {
            ResourceRules.Rule r = rules.resources().get(rid);
            res.put(rid, new ResourceStatus(rid, "app.forking", rid, s, "true", r.monitor(), r.disable(),
                    r.optional(), r.standby(), false, flags.stopped(objectPath, rid), false, r.restart(),
                    r.restart() - flags.restartsUsed(objectPath, rid), null, List.of(), List.of()));
        });
        boolean up = resources.values().stream().anyMatch(s -> s == Status.UP);
        Instant frozenAt = flags.frozenAt(objectPath).orElse(null);
        return new InstanceStatus(path, SELF, "svc", "failover", "no", up ? Status.UP : Status.DOWN,
                up ? Status.UP : Status.DOWN, Status.NA, "true", frozenAt != null, frozenAt, clock.instant(),
                lastStartedAt, List.of(), res, 50);
    }

    /** A new status evaluated: the snapshot and the event, as the daemon does. */
    synchronized void publish() {
        InstanceStatus st = snapshotOnly();
        events.publish(new DaemonEvent.InstanceStatusUpdated(clock.instant(), SELF, path, st));
    }

    /** A new snapshot without its event (a change whose event was lost or is late). */
    synchronized InstanceStatus snapshotOnly() {
        InstanceStatus st = status();
        Map<String, NodeData> nodes = new HashMap<>(peers);
        nodes.put(SELF, new NodeData(new NodeMonitor("idle", "none", null), nodeFrozen, null, clock.instant(),
                Map.of(), NodeStats.UNKNOWN, Map.of(), Map.of(path, st), Map.of(path, monitor)));
        snapshot = new DaemonStatus(new ClusterIdentity("c", "id", List.of("n1", "n2", "n3"), false), Map.of(),
                nodes, Map.of());
        return st;
    }

    void peer(String node, boolean frozen) {
        peers.put(node, new NodeData(new NodeMonitor("idle", "none", null), frozen, null, clock.instant(), Map.of(),
                NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of()));
    }

    /** A resource's process died: the next status evaluation shows it down. */
    void kill(String rid) {
        synchronized (this) {
            resources.put(rid, Status.DOWN);
        }
        publish();
    }

    final ActionEngine engine = new ActionEngine() {
        @Override
        public ActionResult run(ActionRequest r) {
            actions.add(r.action() + " " + String.join(",", r.options().rids()) + " (" + r.origin().word() + ")");
            boolean ok = true;
            synchronized (SimNode.this) {
                clock.advance(Duration.ofMillis(50));
                List<String> rids = r.options().rids().isEmpty() ? new ArrayList<>(resources.keySet())
                        : r.options().rids();
                for (String rid : rids) {
                    if (r.action().equals("start")) {
                        flags.setStopped(objectPath, rid, false);
                        if (startFails.contains(rid)) {
                            ok = false;
                        } else {
                            resources.put(rid, Status.UP);
                        }
                    } else if (r.action().equals("stop")) {
                        flags.setStopped(objectPath, rid, true);
                        resources.put(rid, Status.DOWN);
                    }
                }
                if (r.action().equals("start") && ok) {
                    lastStartedAt = clock.instant();
                }
                if (r.action().equals("stop") && r.options().rids().isEmpty()) {
                    flags.setLocalExpect(objectPath, InstanceFlags.LocalExpect.NONE);
                }
            }
            publish();
            return new ActionResult(objectPath, r.action(), ok, ok ? null : "start failed", status());
        }

        @Override
        public CompletableFuture<ActionResult> submit(ActionRequest r) {
            return CompletableFuture.completedFuture(run(r));
        }
    };

    final Orchestration orchestration = new Orchestration() {
        @Override
        public Accepted request(ObjectPath p, String verb, List<String> destination) {
            if (peers.containsKey("refuse")) {
                throw new OmException("orchestration in progress (global expect stopped): use abort first");
            }
            orchestrated.add(verb + " " + p.canonical() + " " + destination);
            return null;
        }

        @Override
        public void clear(ObjectPath p) {
        }

        @Override
        public List<PlacementRow> placement(ObjectPath p) {
            return List.of();
        }
    };

    static final class Flags implements InstanceFlags {
        final Map<String, Instant> frozen = new ConcurrentHashMap<>();
        final Set<String> stopped = ConcurrentHashMap.newKeySet();
        volatile LocalExpect localExpect = LocalExpect.STARTED;
        final Map<String, Integer> restarts = new ConcurrentHashMap<>();

        public int restartsUsed(ObjectPath p, String rid) {
            return restarts.getOrDefault(p.canonical() + "/" + rid, 0);
        }

        public void setRestartsUsed(ObjectPath p, String rid, int used) {
            restarts.put(p.canonical() + "/" + rid, used);
        }

        public Optional<Instant> frozenAt(ObjectPath p) {
            return Optional.ofNullable(frozen.get(p.canonical()));
        }

        public boolean freeze(ObjectPath p) {
            return frozen.putIfAbsent(p.canonical(), Instant.EPOCH) == null;
        }

        public boolean unfreeze(ObjectPath p) {
            return frozen.remove(p.canonical()) != null;
        }

        public boolean stopped(ObjectPath p, String rid) {
            return stopped.contains(p.canonical() + "/" + rid);
        }

        public void setStopped(ObjectPath p, String rid, boolean s) {
            if (s) {
                stopped.add(p.canonical() + "/" + rid);
            } else {
                stopped.remove(p.canonical() + "/" + rid);
            }
        }

        public LocalExpect localExpect(ObjectPath p) {
            return localExpect;
        }

        public void setLocalExpect(ObjectPath p, LocalExpect e) {
            localExpect = e;
        }
    }

    static final class Events implements DaemonEvents {
        final List<LinkedBlockingQueue<DaemonEvent>> queues = new CopyOnWriteArrayList<>();

        void publish(DaemonEvent e) {
            queues.forEach(q -> q.add(e));
        }

        public Subscription subscribe(int capacity) {
            LinkedBlockingQueue<DaemonEvent> q = new LinkedBlockingQueue<>();
            queues.add(q);
            return new Subscription() {
                public DaemonEvent poll(Duration timeout) {
                    try {
                        return q.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }

                public void close() {
                    queues.remove(q);
                }
            };
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        public Instant instant() {
            return now;
        }

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The hooks as Config Admin would give them. */
    static MonitorHooks hooks(String crash, String reboot) {
        return new MonitorHooks() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return MonitorHooks.class;
            }

            public String crash_command() {
                return crash;
            }

            public String reboot_command() {
                return reboot;
            }
        };
    }

    static Set<String> set(String... s) {
        return new HashSet<>(List.of(s));
    }
}
