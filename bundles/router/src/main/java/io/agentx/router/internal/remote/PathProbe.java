package io.agentx.router.internal.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks a health URL: healthy when it answers 2xx within the timeout. */
final class PathProbe {
    private final HttpClient http;
    private final Duration timeout;

    PathProbe(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** @throws IllegalStateException naming the URL and what it answered */
    void check(URI url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("probe " + url + " answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("probe " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("probe " + url + " was interrupted", e);
        }
    }
}
