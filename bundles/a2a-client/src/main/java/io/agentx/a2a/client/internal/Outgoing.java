package io.agentx.a2a.client.internal;

import java.net.URI;

/** One HTTP request to send: its method, URL, accepted media types and body ({@code null} for none). */
record Outgoing(String method, URI uri, String accept, String contentType, byte[] body) {
}
