package io.agentx.grpc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registered while the gRPC server listens: how plugin processes reach it. Plugin supervisors depend on it, so
 * their processes run only while there is a bridge to connect to.
 *
 * @param address the gRPC target plugins dial, {@code host:port}
 * @param tls over TLS, what a plugin needs to trust the server; {@code null} for plaintext
 */
public record PluginEndpoint(String address, PluginTrust tls) {

    /** A plaintext endpoint. */
    public PluginEndpoint(String address) {
        this(address, null);
    }

    /**
     * The variables a plugin process gets to find the kernel: {@code AGENTX_PLUGIN_URL} ({@code https://} when
     * TLS), and with TLS {@code AGENTX_PLUGIN_TLS_CA} and, when the certificate does not name the host dialled,
     * {@code AGENTX_PLUGIN_TLS_SERVER_NAME}.
     */
    public Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (tls == null) {
            variables.put("AGENTX_PLUGIN_URL", address);
            return variables;
        }
        variables.put("AGENTX_PLUGIN_URL", "https://" + address);
        variables.put("AGENTX_PLUGIN_TLS_CA", tls.certificates().toString());
        if (tls.serverName() != null) {
            variables.put("AGENTX_PLUGIN_TLS_SERVER_NAME", tls.serverName());
        }
        return variables;
    }
}
