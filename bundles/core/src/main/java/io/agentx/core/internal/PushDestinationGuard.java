package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps push URLs from reaching internal services (SSRF): only http(s) URLs whose host resolves to public
 * addresses, unless private destinations are allowed by configuration or the host is explicitly allowed.
 * Checked when a URL is registered ({@link #check}) and again for every connection ({@link #addresses}), whose
 * answer is the only addresses the push client connects to: a host name that resolves to a public address first
 * and to an internal one later (DNS rebinding) is refused, not followed.
 */
record PushDestinationGuard(boolean allowPrivate, List<String> allowedHosts, HostResolver resolver) {
    PushDestinationGuard {
        allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    /** A connection refused because the host resolved to an internal address (never retried). */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The URL as a URI, or an INVALID_PARAMS error saying why it may not be used. */
    URI check(String url, String field) {
        URI uri = parse(url, field);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowPrivate || allowedHosts.contains(host)) {
            return uri;
        }
        try {
            addresses(host);
        } catch (UnknownHostException e) {
            throw A2aException.invalid(field, "host '" + host + "' does not resolve");
        } catch (Refused e) {
            throw A2aException.invalid(field, e.getMessage());
        }
        return uri;
    }

    /** The URL as a URI if it is an absolute http(s) URL; its host is checked when connecting. */
    URI parse(String url, String field) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw A2aException.invalid(field, "is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw A2aException.invalid(field, "must be an absolute http(s) URL, got '" + url + "'");
        }
        return uri;
    }

    /** The addresses a push to the host may connect to, resolved once; refused if any of them is internal. */
    List<InetAddress> addresses(String host) throws UnknownHostException, Refused {
        List<InetAddress> addresses = resolver.addresses(host);
        if (allowPrivate || allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new Refused("host '" + host + "' resolves to the private or loopback address "
                        + address.getHostAddress() + "; push to internal addresses is not allowed"
                        + " (pushAllowPrivateDestinations / pushAllowedHosts of PID io.agentx.core)");
            }
        }
        return addresses;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        return first == 100 && second >= 64 && second <= 127 // carrier-grade NAT 100.64/10
                || first == 169 && second == 254 || first == 0;
    }
}
