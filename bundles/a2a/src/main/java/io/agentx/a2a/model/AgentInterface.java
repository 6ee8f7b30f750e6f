package io.agentx.a2a.model;

/**
 * One endpoint of an agent.
 *
 * @param url absolute URL of the endpoint
 * @param protocolBinding {@code JSONRPC}, {@code HTTP+JSON} or {@code GRPC}
 * @param protocolVersion the A2A version spoken there, e.g. {@code 1.0}
 * @param tenant the tenant to pass in requests, or {@code null}
 */
public record AgentInterface(String url, String protocolBinding, String protocolVersion, String tenant) {
    public static final String JSONRPC = "JSONRPC";
    public static final String HTTP_JSON = "HTTP+JSON";
    public static final String GRPC = "GRPC";
}
