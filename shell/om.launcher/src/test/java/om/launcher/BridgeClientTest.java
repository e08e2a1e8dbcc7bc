package om.launcher;

import static om.launcher.FakeDaemon.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeClientTest {
    @TempDir
    Path root;

    private Layout layout() {
        return Layout.of(root.resolve("dist"), Map.of("OM_ROOT", root.toString()));
    }

    @Test
    void frameCodecRoundTrip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frame.write(bytes, Frame.ARG, "ns1/svc/wëb");
        Frame.write(bytes, Frame.GO, "");
        byte[] b = bytes.toByteArray();
        assertEquals('A', b[0]);
        assertEquals(12, b[4], "length is the UTF-8 byte count, big-endian");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        assertEquals("ns1/svc/wëb", Frame.read(in).text());
        assertEquals(Frame.GO, Frame.read(in).type());
        assertNull(Frame.read(in));
        assertThrows(IOException.class,
                () -> Frame.read(new DataInputStream(new ByteArrayInputStream(new byte[] {'O', 0, 0, 0, 9, 1}))));
    }

    @Test
    void noSocketOrNobodyListeningMeansNoDaemon() throws IOException {
        Path socket = layout().socket();
        assertNull(BridgeClient.connect(socket));
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        assertNull(BridgeClient.connect(socket));
        assertFalse(BridgeClient.answers(socket));
    }

    @Test
    void sendsTheRequestAndRelaysOutputAndExitCode() throws IOException {
        List<Frame> reply = List.of(frame('O', "out1\n"), frame('E', "err1\n"), frame('O', "out2\n"), frame('X', "4"));
        try (FakeDaemon daemon = new FakeDaemon(layout().socket(), reply)) {
            ClientRequest request = new ClientRequest(List.of("*", "ls"), Path.of("/tmp"),
                    Map.of("OM_NODENAME", "n1"), false, 100);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (SocketChannel ch = BridgeClient.connect(layout().socket())) {
                code = BridgeClient.run(ch, request, out, err);
            }
            assertEquals(4, code);
            assertEquals("out1\nout2\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("err1\n", err.toString(StandardCharsets.UTF_8));
            List<String> sent = daemon.requests().get(0).stream().map(f -> (char) f.type() + ":" + f.text()).toList();
            assertEquals(List.of("V:1", "A:*", "A:ls", "C:/tmp", "E:OM_NODENAME=n1", "T:0", "W:100", "F:stdin", "G:"), sent);
        }
    }

    @Test
    void aDaemonThatHangsUpWithoutExitCodeIsAnError() throws IOException {
        try (FakeDaemon daemon = new FakeDaemon(layout().socket(), List.of(frame('O', "partial")))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ClientMode.run(layout(), new ClientRequest(List.of("ls"), root, Map.of(), false, 0),
                    InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: "), err.toString());
        }
    }

    @Test
    void daemonStartWithARunningDaemonSaysSoAndSucceeds() throws IOException {
        try (FakeDaemon daemon = new FakeDaemon(layout().socket(), List.of(frame('X', "9")))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = ClientMode.run(layout(), new ClientRequest(List.of("daemon", "start"), root, Map.of(), false,
                    0), InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, code);
            assertEquals("daemon is already running\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void daemonStartWithoutOmdScriptFails() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientMode.run(layout(), new ClientRequest(List.of("daemon", "start"), root, Map.of(), false, 0),
                InputStream.nullInputStream(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bin/omd is missing"), err.toString());
    }

    @Test
    void runningDaemonNeedsLivePidAndAnsweringSocket() throws IOException {
        PidFile pid = new PidFile(layout().pidFile());
        pid.write(ProcessHandle.current().pid());
        try (FakeDaemon daemon = new FakeDaemon(layout().socket(), List.of(frame('X', "0")))) {
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), pid.runningDaemon(layout().socket()));
        }
    }
}
