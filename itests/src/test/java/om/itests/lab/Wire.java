package om.itests.lab;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A wire tool run inside the lab (the hub, a tap on the switch; or a node), never in the test's own namespace:
 * <pre>
 *   capture GROUP PORT IF SENDER FILE SECONDS   first datagram of the group that names SENDER ("nodename":"n1"),
 *                                               saved to FILE exactly as received
 *   send GROUP PORT IF FILE                     sends FILE's bytes as one datagram to the group
 *   garbage-udp GROUP PORT IF COUNT             COUNT datagrams of random bytes to the group
 *   garbage-tcp HOST PORT BYTES                 connects and writes random bytes, then closes
 *   garbage-zmtp HOST PORT COUNT                a well-formed ZMTP peer (a PUSH, as the unicast tx) sending COUNT
 *                                               messages of random bytes
 * </pre>
 * IF is the interface multicast goes out and is joined on (br2 in the hub, eth2 in a node).
 */
public final class Wire {
    private Wire() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "capture" -> capture(args[1], Integer.parseInt(args[2]), args[3], args[4], Path.of(args[5]),
                    Integer.parseInt(args[6]));
            case "send" -> send(args[1], Integer.parseInt(args[2]), args[3], Files.readAllBytes(Path.of(args[4])));
            case "garbage-udp" -> {
                Random r = new Random();
                for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                    byte[] b = new byte[50 + r.nextInt(400)];
                    r.nextBytes(b);
                    send(args[1], Integer.parseInt(args[2]), args[3], b);
                }
            }
            case "garbage-tcp" -> {
                byte[] b = new byte[Integer.parseInt(args[3])];
                new Random().nextBytes(b);
                // never the first byte of a ZMTP/3 greeting: garbage, not something that might pass for one
                b[0] = b[0] == (byte) 0xff ? 0 : b[0];
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), 3000);
                    OutputStream out = s.getOutputStream();
                    out.write(b);
                    out.flush();
                    Thread.sleep(500);
                }
            }
            case "garbage-zmtp" -> Zmtp.garbage(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void capture(String group, int port, String intf, String sender, Path file, int seconds)
            throws Exception {
        NetworkInterface ni = NetworkInterface.getByName(intf);
        byte[] mark = ("\"nodename\":\"" + sender + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] spaced = ("\"nodename\": \"" + sender + "\"").getBytes(StandardCharsets.UTF_8);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(port));
            ch.join(InetAddress.getByName(group), ni);
            ch.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(70000);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                buf.clear();
                if (ch.receive(buf) == null) {
                    Thread.sleep(5);
                    continue;
                }
                buf.flip();
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                if (indexOf(b, mark) >= 0 || indexOf(b, spaced) >= 0) {
                    Files.write(file, b);
                    System.out.println("captured " + b.length + " bytes");
                    return;
                }
            }
        }
        System.err.println("no datagram from " + sender + " on " + group + ":" + port + " within " + seconds + "s");
        System.exit(1);
    }

    private static void send(String group, int port, String intf, byte[] bytes) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(intf));
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            ch.send(ByteBuffer.wrap(bytes), new InetSocketAddress(group, port));
        }
    }

    /** Apart, so the other commands never load JeroMQ. */
    private static final class Zmtp {
        static void garbage(String host, int port, int count) throws InterruptedException {
            try (org.zeromq.ZContext ctx = new org.zeromq.ZContext()) {
                // the context's close sets each socket's linger to the context's (0 by default)
                ctx.setLinger(3000);
                org.zeromq.ZMQ.Socket push = ctx.createSocket(org.zeromq.SocketType.PUSH);
                push.connect("tcp://" + host + ":" + port);
                Random r = new Random();
                for (int i = 0; i < count; i++) {
                    byte[] b = new byte[50 + r.nextInt(400)];
                    r.nextBytes(b);
                    push.send(b, 0);
                }
                Thread.sleep(1000);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
