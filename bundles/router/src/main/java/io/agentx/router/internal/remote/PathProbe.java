package io.agentx.router.internal.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks a replica's health path (resolved against its card URL): healthy when it answers 2xx in time. */
final class PathProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String path;
    private final HttpClient http;

    PathProbe(String path, Duration connectTimeout) {
        this.path = path;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws IllegalStateException naming the URL and what it answered */
    void check(URI cardUrl) {
        URI url = cardUrl.resolve(path);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
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
