package om.daemon.internal.cluster;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatHub;
import om.api.cluster.HeartbeatLink;
import om.api.config.Values;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.ThreadStatus;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.api.status.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Where heartbeat transports plug in ({@link HeartbeatHub}), and the liveness table (heartbeats-and-daemon.md
 * section 3): per heartbeat and peer, when rx last heard it and tx last reached it. The rx path runs on the
 * transports' threads and is CPU only: open the envelope, check the message (every drop reason of section 5
 * counted per heartbeat, logged at most once a minute per sender through the asynchronous log entry), record
 * the beat, hand the message to the monitor through a bounded inbox (a full inbox drops and counts, never
 * waits). The monitor thread owns everything the messages mean ({@link Exchange}); it hands envelopes out
 * through {@link #send}.
 */
@Component(service = {Hub.class, HeartbeatHub.class})
public final class Hub implements HeartbeatHub {
    /** Messages waiting for the monitor thread at most (a burst from a few peers through a few heartbeats). */
    static final int INBOX = 1024;

    private final String self;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Instant created;
    private final SecureRandom random = new SecureRandom();
    private final ArrayBlockingQueue<Message> inbox = new ArrayBlockingQueue<>(INBOX);
    private final ConcurrentHashMap<String, Link> links = new ConcurrentHashMap<>();
    /**
     * The rx liveness table, per heartbeat name and peer: when a valid message last arrived (monotonic) and
     * under which timeout. Here, not in the link: a Config Admin update re-attaches the transport (DS
     * deactivates and activates it) and a hot-removed transport bundle detaches it; the peers heard through it
     * stay beating until their last message is older than its timeout, not from the moment the link closes.
     */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Link.Beat>> heard = new ConcurrentHashMap<>();
    /**
     * What each peer last said its rx threads hear ({@code heard} of its messages), and when that message came
     * (monotonic): the application-level acknowledgement of our tx cells. A transport's "sent" only means the
     * peer's kernel took the bytes: a peer whose daemon is stopped (SIGSTOP) or hung keeps acknowledging at the
     * TCP level until its receive buffer fills, minutes at heartbeat rates.
     */
    private final ConcurrentHashMap<String, Ack> acks = new ConcurrentHashMap<>();

    /**
     * @param echoNanos when (monotonic) we sealed the newest message of ours the peer said it accepted
     *                  ({@code echo} of its message), {@link Long#MIN_VALUE} when it named none of ours; null when
     *                  its messages carry no echo (an older daemon)
     */
    private record Ack(long nanos, Map<String, List<String>> heard, Long echoNanos) {
    }

    /** Our messages by {@code updated_at}, with when (monotonic) each was sealed: what a peer's echo names. */
    private final java.util.concurrent.ConcurrentSkipListMap<Instant, Long> sealed =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /** How long {@link #sealed} remembers a message: past any heartbeat timeout. */
    private static final long SEALED_KEPT = Duration.ofMinutes(5).toNanos();

    /** Last {@code updated_at} accepted per heartbeat and sender; kept across re-attachments and deaths. */
    private final ConcurrentHashMap<String, Instant> accepted = new ConcurrentHashMap<>();
    private final DropLog dropLog = new DropLog(DropLog.EVERY);
    private final AtomicLong overflow = new AtomicLong();
    private volatile Map<String, HeartbeatConfig> configured = Map.of();
    private volatile Envelope.Keys keys;
    private volatile Runnable wakeup = () -> { };
    private volatile ActionLog log;
    private volatile AutoCloseable settingsListener;

    @Activate
    public Hub(@Reference Installation installation, @Reference NodeSettings settings) {
        this(installation.nodename(), Clock.systemUTC(), System::nanoTime);
        configure(settings.current());
        settingsListener = settings.onChange(this::configure);
    }

    /** For tests: no settings service; {@link #configure} by hand. */
    public Hub(String self, Clock clock, LongSupplier nanoTime) {
        this.self = self;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.created = clock.instant();
        this.keys = Envelope.Keys.of("default", self, List.of(self), "");
    }

    @Deactivate
    void deactivate() {
        try {
            AutoCloseable l = settingsListener;
            if (l != null) {
                l.close();
            }
        } catch (Exception e) {
            // the settings service is going away too
        }
        links.values().forEach(Link::close);
    }

    /** The asynchronous log entry of om.log: a heartbeat thread never waits on log I/O. Optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=async)", unbind = "unbindLog")
    void bindLog(ActionLog l) {
        log = l;
    }

    void unbindLog(ActionLog l) {
        if (log == l) {
            log = null;
        }
    }

    /** Takes a new effective configuration: keys, members and the heartbeats configured. */
    public void configure(NodeConfig c) {
        Envelope.Keys k = Envelope.Keys.of(c.clusterName(), self, c.clusterNodes(), c.secret());
        if (!k.member() && keys.member()) {
            // a node that cannot seal is alone, as with a wrong secret: say why once, not at every round
            log(Level.ERROR, "cluster.secret is empty: the heartbeats send nothing and admit no peer until it is set");
        }
        keys = k;
        Map<String, HeartbeatConfig> m = new LinkedHashMap<>();
        for (HeartbeatConfig h : HeartbeatSettings.of(c)) {
            m.put(h.name(), h);
        }
        configured = m;
    }

    /** The heartbeats of the configuration, in file order. */
    List<HeartbeatConfig> configured() {
        return List.copyOf(configured.values());
    }

    String self() {
        return self;
    }

    long nanos() {
        return nanoTime.getAsLong();
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public HeartbeatLink attach(HeartbeatConfig config) {
        Link l = new Link(this, config, heard.computeIfAbsent(config.name(), n -> new ConcurrentHashMap<>()));
        Link old = links.put(config.name(), l);
        if (old != null) {
            old.close();
        }
        return l;
    }

    void detach(Link l) {
        links.remove(l.config.name(), l);
    }

    /** Called by the monitor thread: {@code r} runs (and must not block) when a message is waiting. */
    public void onMessage(Runnable r) {
        wakeup = r == null ? () -> { } : r;
    }

    /** The next message for the monitor thread, null when none. */
    Message poll() {
        return inbox.poll();
    }

    // ---- rx

    void receive(Link l, byte[] envelope) {
        long now = nanos();
        l.rx.bytes.addAndGet(envelope == null ? 0 : envelope.length);
        Envelope.Opened opened = Envelope.open(keys, envelope);
        if (opened instanceof Envelope.Opened.Dropped d) {
            drop(l, d.reason(), d.sender(), d.detail(), now);
            return;
        }
        Envelope.Opened.Ok ok = (Envelope.Opened.Ok) opened;
        Message m;
        try {
            m = Message.decode(ok.message());
        } catch (IllegalArgumentException e) {
            drop(l, Drop.BAD_JSON, ok.sender(), e.getMessage(), now);
            return;
        }
        if (m.compat() != Message.COMPAT) {
            drop(l, Drop.COMPAT, ok.sender(), "compat " + m.compat() + ", ours " + Message.COMPAT, now);
            return;
        }
        if (!m.nodename().equals(ok.sender())) {
            drop(l, Drop.SPOOFED, ok.sender(), "message of " + m.nodename(), now);
            return;
        }
        boolean[] fresh = {false};
        accepted.compute(l.config.name() + "\u0000" + ok.sender(), (k, prev) -> {
            if (prev == null || m.updatedAt().isAfter(prev)) {
                fresh[0] = true;
                return m.updatedAt();
            }
            return prev;
        });
        if (!fresh[0]) {
            drop(l, Drop.REPLAY, ok.sender(), "updated_at " + om.api.json.Json.time(m.updatedAt())
                    + " not after the last accepted", now);
            return;
        }
        l.rx.messages.incrementAndGet();
        l.rx.last = m.kind();
        if (m.heard() == null) {
            // a daemon that does not say what it hears: our tx cells toward it tell our sends only
            acks.remove(ok.sender());
        } else {
            acks.put(ok.sender(), new Ack(now, m.heard(), echoNanos(m)));
        }
        l.rx.beat(ok.sender(), now, clock.instant(), l.config.timeout());
        if (!inbox.offer(m)) {
            overflow.incrementAndGet();
            drop(l, Drop.OVERFLOW, ok.sender(), "the monitor's inbox is full", now);
            return;
        }
        wakeup.run();
    }

    /** Bytes the transport refused before they made an envelope: counted and logged as a dropped message. */
    void refused(Link l, Drop reason, String from, String detail) {
        drop(l, reason, from, detail == null ? reason.word() : detail, nanos());
    }

    private void drop(Link l, Drop reason, String sender, String detail, long now) {
        l.dropped.get(reason).incrementAndGet();
        // multicast loops our own messages back: expected there, neither an error nor worth a line
        if (reason == Drop.OWN_NODE && HeartbeatConfig.MULTICAST.equals(l.config.type())) {
            return;
        }
        l.rx.errors.incrementAndGet();
        long silenced = dropLog.due(sender, now);
        ActionLog out = log;
        if (silenced >= 0 && out != null) {
            String line = l.config.name() + ".rx: dropped a message from " + (sender == null ? "an unknown sender"
                    : sender) + ": " + reason.word() + " (" + detail + ")"
                    + (silenced > 0 ? ", " + silenced + " more dropped in the last minute" : "");
            out.log(new LogEvent(clock.instant(), Level.WARN, self, null, null, null, om.api.Quote.line(line, 300), null,
                    null, false, l.config.name() + ".rx"));
        }
    }

    /** A line of the cluster ({@code c:monitor}), through the asynchronous log entry; never blocks. */
    public void log(Level level, String message) {
        ActionLog out = log;
        if (out != null) {
            out.log(new LogEvent(clock.instant(), level, self, null, null, null, message, null, null, false,
                    "monitor"));
        }
    }

    // ---- tx

    /**
     * Seals the message once and makes it the envelope due on every attached heartbeat (one message per round,
     * whatever the number of heartbeats and peers).
     *
     * @return counted down when every heartbeat's tx thread sent it (or was closed, or took a newer one)
     */
    CountDownLatch send(Message m) {
        // one read: a configure to an empty secret between a check and the seal would make the seal throw
        Envelope.Keys k = keys;
        if (!k.member()) {
            return new CountDownLatch(0);
        }
        long now = nanos();
        sealed.put(m.updatedAt(), now);
        while (!sealed.isEmpty() && now - sealed.firstEntry().getValue() > SEALED_KEPT) {
            sealed.pollFirstEntry();
        }
        byte[] env = Envelope.seal(k, m.withHeard(hearing()).withEcho(echo()).encode(), random);
        String label = Message.PATCH.equals(m.kind()) ? Integer.toString(m.events().size()) : m.kind();
        List<Link> ls = new ArrayList<>(links.values());
        CountDownLatch done = new CountDownLatch(ls.size());
        HeartbeatLink.Outgoing o = new HeartbeatLink.Outgoing(env, m.kind());
        for (Link l : ls) {
            l.offer(o, label, new CountDownLatchRelay(done));
        }
        return done;
    }

    /** One link's share of a {@link #send} latch: counts the shared one down once. */
    private static final class CountDownLatchRelay extends CountDownLatch {
        private final CountDownLatch target;
        private final java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();

        CountDownLatchRelay(CountDownLatch target) {
            super(1);
            this.target = target;
        }

        @Override
        public void countDown() {
            if (once.compareAndSet(false, true)) {
                super.countDown();
                target.countDown();
            }
        }
    }

    /** The shortest {@code interval} of the heartbeats: a message is due at least that often. */
    public Duration interval() {
        Duration d = null;
        for (HeartbeatConfig h : configured.values()) {
            d = d == null || h.interval().compareTo(d) < 0 ? h.interval() : d;
        }
        for (Link l : links.values()) {
            d = d == null || l.config.interval().compareTo(d) < 0 ? l.config.interval() : d;
        }
        return d == null ? HeartbeatSettings.INTERVAL : d;
    }

    // ---- liveness

    /**
     * The peers some rx heard within the timeout: of every heartbeat name ever attached, attached now or not
     * (closed for a re-attachment, removed from the configuration, its bundle stopped), so a peer is alive
     * until timeout after its last valid message on any heartbeat.
     */
    public Set<String> alive() {
        long now = nanos();
        Set<String> out = new HashSet<>();
        for (Map<String, Link.Beat> peers : heard.values()) {
            peers.forEach((p, b) -> {
                if (b.within(now)) {
                    out.add(p);
                }
            });
        }
        out.remove(self);
        return out;
    }

    /** Per heartbeat (configured or attached), the peers its rx heard within the timeout: {@code heard}. */
    Map<String, List<String>> hearing() {
        long now = nanos();
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : names()) {
            List<String> peers = new ArrayList<>();
            Map<String, Link.Beat> beats = heard.get(name);
            if (beats != null) {
                beats.forEach((p, b) -> {
                    if (b.within(now) && !p.equals(self)) {
                        peers.add(p);
                    }
                });
            }
            out.put(name, peers);
        }
        return out;
    }

    /** Per sender, the newest {@code updated_at} accepted from it on any heartbeat: the {@code echo} we send. */
    private Map<String, Instant> echo() {
        Map<String, Instant> out = new TreeMap<>();
        accepted.forEach((key, at) -> out.merge(key.substring(key.indexOf('\u0000') + 1), at,
                (x, y) -> x.isAfter(y) ? x : y));
        return out;
    }

    /** When we sealed the message of ours the peer's echo names (or the newest sealed before it, if forgotten). */
    private Long echoNanos(Message m) {
        if (m.echo() == null) {
            return null;
        }
        Instant ours = m.echo().get(self);
        Map.Entry<Instant, Long> e = ours == null ? null : sealed.floorEntry(ours);
        return e == null ? Long.MIN_VALUE : e.getValue();
    }

    /**
     * Whether {@code peer} acknowledged our messages on heartbeat {@code name}: its last message, at most
     * {@code timeout} old, says its rx there hears us, and (when it echoes) a message of ours it accepted was sealed
     * at most {@code timeout} ago: so the peer heard us within its timeout, it has not declared us dead, on our own
     * clock (a minority counts its votes with this, so it splits no later than the majority declares it dead,
     * whatever the delays of the messages it still receives: simulation D5). True when it never said (no
     * message yet, or an older daemon): the transport's word alone then.
     */
    private boolean acknowledged(String peer, String name, Duration timeout, long now) {
        Ack a = acks.get(peer);
        if (a == null) {
            return true;
        }
        return now - a.nanos() <= timeout.toNanos() && a.heard().getOrDefault(name, List.of()).contains(self)
                && (a.echoNanos() == null || now - a.echoNanos() <= timeout.toNanos());
    }

    /** Whether a transport is attached: without, no message is built. */
    boolean hasLinks() {
        return !links.isEmpty();
    }

    /** Messages dropped because the monitor's inbox was full (figures). */
    long overflowed() {
        return overflow.get();
    }

    // ---- status

    /** The heartbeat threads ({@code hb#1.rx}, {@code hb#1.tx}...): configured ones without a transport stopped. */
    public Map<String, ThreadStatus> threads() {
        Map<String, ThreadStatus> out = new TreeMap<>();
        for (String name : names()) {
            Link l = attached(name);
            out.put(name + ".rx", thread(l == null ? null : l.rx));
            out.put(name + ".tx", thread(l == null ? null : l.tx));
        }
        return out;
    }

    private ThreadStatus thread(Link.Side s) {
        if (s == null) {
            return new ThreadStatus(ThreadStatus.STOPPED, created, List.of());
        }
        return new ThreadStatus(s.state, s.created == null ? created : s.created,
                s.alert == null ? List.of() : List.of(s.alert));
    }

    /** The details of every heartbeat thread, by the names of {@link #threads}. */
    public Map<String, HeartbeatStatus> statuses() {
        long now = nanos();
        Map<String, HeartbeatStatus> out = new TreeMap<>();
        for (String name : names()) {
            Link l = attached(name);
            HeartbeatConfig c = l != null ? l.config : configured.get(name);
            boolean multicast = HeartbeatConfig.MULTICAST.equals(c.type());
            Map<String, Long> dropped = new TreeMap<>();
            if (l != null) {
                l.dropped.forEach((r, n) -> {
                    if (n.get() > 0) {
                        dropped.put(r.word(), n.get());
                    }
                });
            }
            out.put(name + ".rx", status(name + ".rx", c, c.addr(), c.port(), l == null ? null : l.rx, now,
                    dropped, null));
            out.put(name + ".tx", status(name + ".tx", c, multicast ? c.addr() : null, multicast ? c.port() : 0,
                    l == null ? null : l.tx, now, Map.of(), name));
        }
        return out;
    }

    /** {@code acked}: for a tx, the heartbeat name whose acknowledgements the peers' cells need; null for a rx. */
    private HeartbeatStatus status(String name, HeartbeatConfig c, String addr, int port, Link.Side s, long now,
                                   Map<String, Long> dropped, String acked) {
        Map<String, HeartbeatStatus.Peer> peers = new TreeMap<>();
        for (HeartbeatConfig.Peer p : c.peers()) {
            peers.put(p.node(), new HeartbeatStatus.Peer(false, null));
        }
        if (s != null) {
            s.peers.forEach((p, b) -> peers.put(p, new HeartbeatStatus.Peer(b.within(now)
                    && (acked == null || acknowledged(p, acked, c.timeout(), now)), b.at())));
        }
        peers.remove(self);
        HeartbeatStatus.Stats stats = s == null ? HeartbeatStatus.Stats.NONE
                : new HeartbeatStatus.Stats(s.messages.get(), s.bytes.get(), s.errors.get());
        return new HeartbeatStatus(name, c.type(), addr, port, Values.formatDuration(c.interval()),
                Values.formatDuration(c.timeout()), peers, s == null ? null : s.last, stats, dropped);
    }

    private Set<String> names() {
        Set<String> n = new java.util.TreeSet<>(configured.keySet());
        n.addAll(links.keySet());
        return n;
    }

    /** The transport attached for a heartbeat, if it is of the configured type (a type change re-attaches). */
    private Link attached(String name) {
        Link l = links.get(name);
        HeartbeatConfig c = configured.get(name);
        if (l == null || l.closed() || c != null && !c.type().equals(l.config.type())) {
            return c == null ? l : null;
        }
        return l;
    }
}
