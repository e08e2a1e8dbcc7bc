package om.itests.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orchestrated requests on one object sent at once from the lab's nodes (the nodes in turn, each request launched
 * a step after the previous one so that some overlap and some follow a completed one), and what their results
 * imply: which accepted target came last, and whether a final state is that target reached.
 */
final class ConcurrentRequests {
    private ConcurrentRequests() {
    }

    /** One request: its verb words, the node it ran on, when it ran (epoch ms) and its result. */
    record Request(String node, List<String> verb, long from, long to, Lab.Result result) {
        /** The global expect the request asks for. */
        String target() {
            return switch (verb.get(0)) {
                case "start" -> "started";
                case "stop" -> "stopped";
                default -> "placed@" + verb.get(2);
            };
        }

        /** Whether the state seen (apps up, instances frozen) is this request's target reached. */
        boolean reachedBy(Set<String> up, Set<String> frozen, List<String> nodes) {
            return switch (target()) {
                case "started" -> up.size() == 1 && frozen.isEmpty();
                case "stopped" -> up.isEmpty() && frozen.equals(new TreeSet<>(nodes));
                default -> up.equals(Set.of(verb.get(2))) && frozen.isEmpty();
            };
        }
    }

    /**
     * Sends count requests on name without waiting for their targets: request i runs on node i mod the lab size,
     * with verbs[(7 i) mod the verb count] (a mix), launched i * stepMs after the first. Returns every answer.
     */
    static List<Request> fire(Lab lab, String name, int count, long stepMs, List<List<String>> verbs)
            throws InterruptedException {
        List<Request> done = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String node = lab.nodes().get(i % lab.size);
            List<String> verb = verbs.get((i * 7) % verbs.size());
            long delay = i * stepMs;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(delay);
                    List<String> args = new ArrayList<>(List.of(name));
                    args.addAll(verb);
                    long from = System.currentTimeMillis();
                    Lab.Result r = lab.om(node, args.toArray(String[]::new));
                    done.add(new Request(node, verb, from, System.currentTimeMillis(), r));
                } catch (Exception e) {
                    done.add(new Request(node, verb, 0, 0, new Lab.Result(-1, "", e.toString())));
                }
            }, "request-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(130_000);
        }
        return new ArrayList<>(done);
    }

    /**
     * The accepted requests that may have been the last: those after whose acknowledgement no accepted request with
     * another target began (the daemons order targets by the time they set them, inside each request's span).
     */
    static List<Request> last(List<Request> accepted) {
        List<Request> last = new ArrayList<>();
        for (Request a : accepted) {
            boolean later = false;
            for (Request b : accepted) {
                later |= !b.target().equals(a.target()) && b.from() > a.to();
            }
            if (!later) {
                last.add(a);
            }
        }
        return last;
    }
}
