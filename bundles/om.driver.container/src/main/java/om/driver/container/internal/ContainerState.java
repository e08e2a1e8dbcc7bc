package om.driver.container.internal;

/** What the CLI says about a named container. */
public sealed interface ContainerState {
    record Running() implements ContainerState {
    }

    /** Created or exited: the name is taken but nothing runs. */
    record Stopped() implements ContainerState {
    }

    record Absent() implements ContainerState {
    }

    /** The CLI could not answer (not installed, storage error, timeout). */
    record Unknown(String reason) implements ContainerState {
    }
}
