package om.itests;

/**
 * The two lanes of the end-to-end tests (junit-platform.properties runs test classes two at a time). Every test
 * class takes one with {@code @ResourceLock}: the classes of a lane run one after another, so a lab test (its
 * daemons, networks and sshd inside namespaces it made) runs beside at most one test of the host, and two tests that
 * start daemons on this machine's own network and mounts never meet. A host test that mounts a filesystem on a loop
 * device takes both: a lab made meanwhile copies the host's mounts into its nodes' mount namespaces, where that one
 * would live on (its loop device never detached). Halves the CI time of the end-to-end tests on two cores.
 */
public final class Serial {
    /** Tests whose daemons run in an om-lab of their own. */
    public static final String LAB = "om.itests.lab";
    /** Tests whose daemons and resources use this machine's namespaces. */
    public static final String HOST = "om.itests.host";

    private Serial() {
    }
}
