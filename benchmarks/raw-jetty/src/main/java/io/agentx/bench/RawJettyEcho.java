package io.agentx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The reference of PERFORMANCE.md: a bare Jetty 12 handler that parses a JSON-RPC SendMessage with Jackson and
 * answers with a completed task echoing the text — the limit of one HTTP JSON hop on this JVM.
 * Usage: java -cp 'target/classes:target/lib/*' io.agentx.bench.RawJettyEcho PORT
 */
public final class RawJettyEcho extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
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

    public static void main(String[] args) throws Exception {
        Server server = new Server(Integer.parseInt(args[0]));
        server.setHandler(new RawJettyEcho());
        server.start();
        System.out.println("raw jetty echo on " + args[0]);
        server.join();
    }
}
