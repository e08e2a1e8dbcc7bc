package om.simulation;

/** The report of one seed from a shell ({@code java om.simulation.Main <seed>}), without Maven: for debugging. */
final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if ("scan".equals(args[0])) {
            long t0 = System.nanoTime();
            int count = Integer.parseInt(args[1]);
            for (long seed = 1; seed <= count; seed++) {
                String f = Runs.failure(seed, Brain.REAL);
                if (f != null) {
                    System.out.println(seed + " " + f);
                }
            }
            System.out.printf("%d seeds in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            return;
        }
        long seed = Long.parseLong(args[0]);
        System.out.print(Runs.report(seed, Brain.REAL, Runs.failure(seed, Brain.REAL)));
    }
}
