package io.agentx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The reference of PERFORMANCE.md: a bare Jetty 12 handler that parses a JSON-RPC SendMessage with Jackson and
 * answers with a completed task echoing the text — the limit of one HTTP JSON hop on this JVM.
 * It also serves its A2A 1.0 agent card at {@code GET /.well-known/agent-card.json}, so that AgentX can use it as a
 * remote agent (scripts/bench-gateway.sh); every other request is treated as a JSON-RPC SendMessage, as before.
 * Usage: java -cp 'target/classes:target/lib/*' io.agentx.bench.RawJettyEcho PORT
 */
public final class RawJettyEcho extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD_PATH = "/.well-known/agent-card.json";

    private volatile byte[] card;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] cardBytes = card;
        if (cardBytes != null && "GET".equals(request.getMethod()) && CARD_PATH.equals(request.getHttpURI().getPath())) {
            response.getHeaders().put("Content-Type", "application/json");
            response.write(true, ByteBuffer.wrap(cardBytes), callback);
            return true;
        }
        Content.Source.asByteBufferAsync(request).whenComplete((body, failure) -> {
            if (failure != null) {
                callback.failed(failure);
                return;
            }
            try {
                byte[] bytes = new byte[body.remaining()];
                body.get(bytes);
                JsonNode envelope = JSON.readTree(bytes);
                JsonNode message = envelope.path("params").path("message");
                String text = message.path("parts").path(0).path("text").asText();
                ObjectNode answer = JSON.createObjectNode();
                answer.put("jsonrpc", "2.0");
                answer.set("id", envelope.get("id"));
                ObjectNode task = answer.putObject("result").putObject("task");
                task.put("id", UUID.randomUUID().toString());
                task.put("contextId", UUID.randomUUID().toString());
                ObjectNode status = task.putObject("status");
                status.put("state", "TASK_STATE_COMPLETED");
                status.put("timestamp", Instant.now().toString());
                ObjectNode artifact = task.putArray("artifacts").addObject();
                artifact.put("artifactId", "echo");
                artifact.putArray("parts").addObject().put("text", text);
                task.putArray("history").add(message);
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(answer)), callback);
            } catch (Exception e) {
                callback.failed(e);
            }
        });
        return true;
    }

    /** The A2A 1.0 agent card of this echo served at the given port. */
    static byte[] agentCard(int port) throws Exception {
        ObjectNode card = JSON.createObjectNode();
        card.put("name", "Raw Jetty echo");
        card.put("description", "Benchmark reference: a bare Jetty 12 JSON-RPC handler answering SendMessage with a "
                + "completed task echoing the text.");
        ObjectNode endpoint = card.putArray("supportedInterfaces").addObject();
        endpoint.put("url", "http://127.0.0.1:" + port + "/");
        endpoint.put("protocolBinding", "JSONRPC");
        endpoint.put("protocolVersion", "1.0");
        card.put("version", "1");
        card.putObject("capabilities").put("streaming", false);
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ObjectNode skill = card.putArray("skills").addObject();
        skill.put("id", "echo");
        skill.put("name", "Echo");
        skill.put("description", "Answers every message with a completed task whose artifact repeats the text.");
        ArrayNode tags = skill.putArray("tags");
        tags.add("echo");
        return JSON.writeValueAsBytes(card);
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server(Integer.parseInt(args[0]));
        RawJettyEcho echo = new RawJettyEcho();
        server.setHandler(echo);
        server.start();
        echo.card = agentCard(((ServerConnector) server.getConnectors()[0]).getLocalPort());
        System.out.println("raw jetty echo on " + args[0]);
        server.join();
    }
}
