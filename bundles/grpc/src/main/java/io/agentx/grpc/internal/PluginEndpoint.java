package io.agentx.grpc.internal;

/**
 * Registered while the gRPC server listens: where plugin processes reach it ({@code host:port}). Plugin
 * supervisors depend on it, so their processes run only while there is a bridge to connect to.
 *
 * @param address the gRPC target plugins dial
 */
public record PluginEndpoint(String address) {
}
