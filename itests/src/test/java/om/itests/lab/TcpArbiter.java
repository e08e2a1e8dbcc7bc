package om.itests.lab;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A tool run inside a lab node: a TCP listener on {@code addr port} that accepts and closes every connection, an
 * arbitrator as {@code host:port} checks see it. Runs until killed.
 */
public final class TcpArbiter {
    private TcpArbiter() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket s = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
            System.out.println("listening");
            System.out.flush();
            while (true) {
                try (Socket c = s.accept()) {
                    // the connect was the vote
                }
            }
        }
    }
}
