package om.launcher;

import java.util.List;

/**
 * Entry point of bin/omd and of the Java bridge client: {@code omd [--daemon|--shell]} or {@code client ARGS...}.
 * Start-up stays light (no logging framework, no JSON library): the client runs once per command.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        int code = run(List.of(argv));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(List<String> argv) {
        LaunchCommand command;
        try {
            command = LaunchCommand.parse(argv);
        } catch (LaunchCommand.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LaunchCommand.USAGE);
            return 1;
        }
        String problem = Layout.problem(System.getenv());
        if (problem != null) {
            System.err.println("error: " + problem);
            return 1;
        }
        Layout layout = Layout.detect(System.getenv());
        if (command instanceof LaunchCommand.Omd omd) {
            return omd.detach() ? Detach.run(layout, System.err) : DaemonMode.run(layout, omd.shell(), System.err);
        }
        LaunchCommand.Client client = (LaunchCommand.Client) command;
        return ClientMode.run(layout, ClientMode.requestOfThisProcess(client.args()), System.in, System.out,
                System.err);
    }
}
