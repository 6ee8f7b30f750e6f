package io.agentx.security.api;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request presented to prove who sent it. Never log it.
 *
 * @param authorization the {@code Authorization} header (Basic or Bearer), or {@code null}
 * @param apiKey the API key header, or {@code null}
 * @param clientCertificates the TLS client's certificate chain, leaf first; empty without mutual TLS
 */
public record Credentials(String authorization, String apiKey, List<X509Certificate> clientCertificates) {

    public Credentials {
        authorization = authorization == null || authorization.isBlank() ? null : authorization.strip();
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
    }

    /** Header credentials only. */
    public static Credentials of(String authorization, String apiKey) {
        return new Credentials(authorization, apiKey, List.of());
    }

    /** Whether the request carried any credentials at all. */
    public boolean presented() {
        return authorization != null || apiKey != null || !clientCertificates.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[" + (authorization != null ? "authorization " : "") + (apiKey != null ? "apiKey " : "")
                + (clientCertificates.isEmpty() ? "" : "certificate") + "]"; // never the values
    }
}
