package om.core.internal.exec;

/** Receives the output of a process, one line at a time, from the reader threads. */
public interface LineSink {
    LineSink NONE = new LineSink() {
        @Override
        public void stdout(String line) {
        }

        @Override
        public void stderr(String line) {
        }
    };

    void stdout(String line);

    void stderr(String line);
}
