package io.agentx.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a host name; {@link #SYSTEM} asks the JVM (DNS, hosts file), tests answer themselves. */
@FunctionalInterface
interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> addresses(String host) throws UnknownHostException;
}
