package io.agentx.itest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.osgi.framework.BundleContext;

/** HTTP calls from inside the framework to its own Jetty, as a client would make them. */
final class Http {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Http(BundleContext context) {
        this.base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendWithHeaders(String method, String path, String contentType, byte[] body,
            java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the GET answers with the status and a body containing the text. */
    HttpResponse<String> await(String path, int status, String contains) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (last.statusCode() == status && last.body().contains(contains)) {
                    return last;
                }
            } catch (java.io.IOException e) {
                // Jetty not serving yet
            }
            Thread.sleep(25);
        }
        throw new AssertionError("GET " + path + " did not answer " + status + " with '" + contains + "'; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder()
                .encodeToString(("admin:" + AgentxOptions.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials);
    }
}
