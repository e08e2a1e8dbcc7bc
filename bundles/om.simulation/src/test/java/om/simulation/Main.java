package om.simulation;

/** The report of one seed from a shell ({@code java om.simulation.Main <seed>}), without Maven: for debugging. */
final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if ("scale".equals(args[0])) {
            System.setProperty("sim.scale", args[1]);
            new SimulationScaleTest().scale();
            return;
        }
        if ("scan".equals(args[0])) {
            long t0 = System.nanoTime();
            int count = Integer.parseInt(args[1]);
            for (long seed = 1; seed <= count; seed++) {
                Runs.Outcome o = Runs.run(seed, Brain.REAL);
                if (!o.passed()) {
                    System.out.println(seed + " " + (o.known() == null ? "NEW" : o.known()) + " " + o.message());
                }
            }
            System.out.printf("%d seeds in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            return;
        }
        long seed = Long.parseLong(args[0]);
        System.out.print(Runs.report(seed, Brain.REAL));
    }
}
