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
    static final String D7 = "D7";

    /** Id to the diagnosis and an example seed. */
    static final Map<String, String> DIAGNOSES = Map.of(
            D7, "(a) a node whose daemon stops or restarts (resources running) while partitioned: its maintenance "
                    + "announcement is lost, the peers declare it dead and take over while its daemon is down or "
                    + "in rejoin, when no split action can run; stonith fences it first on an autonomous takeover of "
                    + "a stonith object (seed 273, now a regression test), so what is left is objects without "
                    + "stonith, or a move (no fence with a target set) (seeds 3772, 3839)");

    private KnownFailures() {
    }

    /** The id of an (a) violation where {@code starter} started without seeing {@code holder}, null if new. */
    static String classify(Simulation sim, SimNode starter, SimNode holder, String path) {
        // a takeover of a stonith object fences the dead holder first: D7 is no excuse there
        boolean fences = sim.facts(path).stonith() && starter.insts.get(path).target.none();
        // its daemon down, or started within the timeout and a ready period (so down, or in rejoin, when the
        // majority lost it): no split action could run in time
        long window = sim.params().timeout().toMillis() + sim.params().readyPeriod().toMillis();
        if (!holder.up || SimNode.REJOIN.equals(holder.monitor)
                || holder.boots > 1 && holder.bootAt >= sim.time() - window) {
            return fences ? null : D7;
        }
        // D4, D5 and D6 are fixed (no failover start without the quorum, nor while a node never heard may run
        // it, nor while a candidate did not see our ready): a violation of their kind is a new failure again
        return null;
    }
}
