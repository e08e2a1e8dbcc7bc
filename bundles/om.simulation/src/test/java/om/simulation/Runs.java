package om.simulation;

/** Running one seed, and the report of a run: parameters, trace, the command that replays it. */
final class Runs {
    private Runs() {
    }

    /** The violation of the run of {@code seed}, null when it passed. */
    static String failure(long seed, Brain brain) {
        try {
            build(seed, brain, false).run();
            return null;
        } catch (Simulation.Violation v) {
            return v.getMessage();
        }
    }

    static Simulation build(long seed, Brain brain, boolean tracing) {
        Simulation s = new Simulation(Params.draw(seed), tracing);
        // the brain under test runs on the first node; the others stay real (one broken node must be caught)
        s.nodes.values().iterator().next().brain = brain;
        return s;
    }

    /** The run again with its trace (the run is deterministic, so tracing replays it exactly). */
    static String report(long seed, Brain brain, String failure) {
        Simulation s = build(seed, brain, true);
        try {
            s.run();
        } catch (Simulation.Violation v) {
            // the same violation as the untraced run
        }
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(seed).append(failure == null ? ": passed" : ": FAILED " + failure).append('\n');
        b.append("  ").append(s.params().describe()).append('\n');
        s.trace().forEach(l -> b.append(l).append('\n'));
        b.append("replay: mvn -o verify -pl bundles/om.simulation -am -Dtest=SimulationTest -Dseed=").append(seed)
                .append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
        return b.toString();
    }
}
