package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
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
 */
final class PushDestinationGuard {
    private final boolean allowPrivate;
    private final List<String> allowedHosts;

    PushDestinationGuard(boolean allowPrivate, List<String> allowedHosts) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    /** The URL as a URI, or an INVALID_PARAMS error saying why it may not be used. */
    URI check(String url, String field) {
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
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowPrivate || allowedHosts.contains(host)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw A2aException.invalid(field, "host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw A2aException.invalid(field, "host '" + host + "' resolves to the private or loopback address "
                        + address.getHostAddress() + "; push to internal addresses is not allowed"
                        + " (pushAllowPrivateDestinations / pushAllowedHosts of PID io.agentx.core)");
            }
        }
        return uri;
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
