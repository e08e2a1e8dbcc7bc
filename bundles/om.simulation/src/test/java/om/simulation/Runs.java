package om.simulation;

/** Running one seed, and the report of a run: parameters, trace, the command that replays it. */
final class Runs {
    private Runs() {
    }

    /** How a run ended: passed ({@code message} null), or the violation and its known id (null when new). */
    record Outcome(long seed, String message, String known) {
        boolean passed() {
            return message == null;
        }

        boolean newFailure() {
            return message != null && known == null;
        }
    }

    /** {@code -Dsim.wire=daemon}: heartbeats through the daemon's dataset exchange by default. */
    static boolean daemonWireByDefault() {
        return "daemon".equals(System.getProperty("sim.wire"));
    }

    static Outcome run(long seed, Brain brain) {
        return run(seed, brain, daemonWireByDefault());
    }

    static Outcome run(long seed, Brain brain, boolean daemonWire) {
        try {
            build(seed, brain, false, daemonWire).run();
            return new Outcome(seed, null, null);
        } catch (Simulation.Violation v) {
            return new Outcome(seed, v.getMessage(), v.known);
        }
    }

    static Simulation build(long seed, Brain brain, boolean tracing, boolean daemonWire) {
        Simulation s = new Simulation(Params.draw(seed), tracing, daemonWire);
        // the brain under test runs on the first node; the others stay real (one broken node must be caught)
        s.nodes.values().iterator().next().brain = brain;
        return s;
    }

    /** The run again with its trace (the run is deterministic, so tracing replays it exactly). */
    static String report(long seed, Brain brain) {
        return report(seed, brain, daemonWireByDefault());
    }

    static String report(long seed, Brain brain, boolean daemonWire) {
        Simulation s = build(seed, brain, true, daemonWire);
        String failure = null;
        String known = null;
        try {
            s.run();
        } catch (Simulation.Violation v) {
            failure = v.getMessage();
            known = v.known;
        }
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(seed).append(failure == null ? ": passed" : ": FAILED " + failure).append('\n');
        if (known != null) {
            b.append("  known defect ").append(known).append(": ").append(KnownFailures.DIAGNOSES.get(known))
                    .append('\n');
        }
        b.append("  ").append(s.params().describe()).append('\n');
        s.trace().forEach(l -> b.append(l).append('\n'));
        b.append("replay: mvn -o verify -pl bundles/om.simulation -am -Dtest=SimulationTest -Dseed=").append(seed)
                .append(daemonWire ? " -Dsim.wire=daemon" : "").append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
        return b.toString();
    }
}
