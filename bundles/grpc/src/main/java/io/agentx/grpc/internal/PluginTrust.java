package io.agentx.grpc.internal;

import java.nio.file.Path;

/**
 * What a plugin needs to verify the kernel's gRPC server certificate.
 *
 * @param certificates a PEM file with the server's certificate chain, ending at its authority
 * @param serverName the name to verify the certificate against when it does not name the host plugins dial;
 *     {@code null} when it does
 */
public record PluginTrust(Path certificates, String serverName) {
}
