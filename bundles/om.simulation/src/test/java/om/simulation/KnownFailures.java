package om.simulation;

import java.util.Map;

/**
 * The defects this simulation found outside this module, each with the id a violation of its kind carries, an
 * example seed and the diagnosis. The default run counts them and stays green (the orchestrator is not this
 * module's to change); a violation of any other kind fails. Each example still replays with {@code -Dseed=}.
 * An id names a symptom with its circumstances, so a new defect with the same symptom could hide behind one:
 * when one is fixed, remove its id and let the run show what is left.
 */
final class KnownFailures {
    static final String D5 = "D5";
    static final String D6 = "D6";
    static final String D7 = "D7";

    /** Id to the diagnosis and an example seed. */
    static final Map<String, String> DIAGNOSES = Map.of(
            D5, "(a) the majority takes over before the minority's split action, what is left since votes are the "
                    + "peers that hear us: a node frozen by its rejoin grace never had the holder's data (cut off "
                    + "from it since before it booted), a target thaws it and it starts what the holder runs, "
                    + "the holder's loss being no death it knows of (seed 6463)",
            D6, "(a) a live, reachable node declared dead after loss or delay longer than the heartbeat timeout, "
                    + "what is left since deaths need a majority's agreement: the majority lost it at once (a 2-node "
                    + "view, or every peer's messages from it lost); stonith fences the holder of a "
                    + "stonith object before an autonomous takeover (modelled: the fenced node is powered off), so "
                    + "what is left is objects without stonith, or a move (a target set: no fence, orchestration.md "
                    + "6) (seeds 724, 2536)",
            D7, "(a) a node whose daemon stops or restarts (resources running) while partitioned: its maintenance "
                    + "announcement is lost, the peers declare it dead and take over while its daemon is down or "
                    + "in rejoin, when no split action can run; stonith fences it first on an autonomous takeover of "
                    + "a stonith object (seed 273, now a regression test), so what is left is objects without "
                    + "stonith, or a move (no fence with a target set) (seeds 3748, 3772)");

    private KnownFailures() {
    }

    /** The id of an (a) violation where {@code starter} started without seeing {@code holder}, null if new. */
    static String classify(Simulation sim, SimNode starter, SimNode holder, String path) {
        // a takeover of a stonith object fences the dead holder first: D6 and D7 are no excuse there
        boolean fences = sim.facts(path).stonith() && starter.insts.get(path).target.none();
        // its daemon down, or started within the timeout and a ready period (so down, or in rejoin, when the
        // majority lost it): no split action could run in time
        long window = sim.params().timeout().toMillis() + sim.params().readyPeriod().toMillis();
        if (!holder.up || SimNode.REJOIN.equals(holder.monitor)
                || holder.boots > 1 && holder.bootAt >= sim.time() - window) {
            return fences ? null : D7;
        }
        int a = sim.side.get(starter.name);
        int b = sim.side.get(holder.name);
        if (a == b) {
            return fences ? null : D6;
        }
        long mine = sim.side.values().stream().filter(x -> x == a).count();
        // a minority side starting (D4, fixed: no failover start without the quorum) is a new defect again
        return 2 * mine <= sim.nodes.size() ? null : D5;
    }
}
