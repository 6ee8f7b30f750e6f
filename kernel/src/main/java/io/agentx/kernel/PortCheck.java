package io.agentx.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Fails start-up early, with one clear line, when the HTTP port cannot be bound. */
final class PortCheck {
    private PortCheck() {
    }

    static void requireFree(String host, int port, String flag) throws StartupException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupException("the HTTP host '" + host + "' is not a known address (--http-host, AGENTX_HTTP_HOST)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new StartupException("port " + port + " on " + host
                    + " is already in use or not allowed (" + e.getMessage()
                    + "); choose another with " + flag);
        }
    }
}
