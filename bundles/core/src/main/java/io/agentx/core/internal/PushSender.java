package io.agentx.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs push notifications with Jetty's HTTP client, which resolves host names only through the push guard and
 * connects only to the addresses it checked, so a host that resolves differently at connect time (DNS rebinding)
 * cannot lead it to an internal address. Requests still go to the URL's host name: the Host header, TLS SNI and
 * certificate hostname verification use the name, not the address. No redirects are followed, no cookies kept.
 */
final class PushSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);

    private final Supplier<PushDestinationGuard> guard;
    private final Duration connectTimeout;
    /** Started on first use: most task managers never push. */
    private HttpClient http;
    private boolean closed;

    PushSender(Supplier<PushDestinationGuard> guard, Duration connectTimeout) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
    }

    private synchronized HttpClient http() {
        if (closed) {
            throw new IllegalStateException("push notifications are stopped");
        }
        if (http == null) {
            http = start();
        }
        return http;
    }

    private HttpClient start() {
        QueuedThreadPool threads = new QueuedThreadPool(16, 1, 60_000);
        threads.setName("agentx-push");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("agentx-push-scheduler", true));
        client.setSocketAddressResolver(new CheckedAddresses(guard, threads));
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        client.setMaxRequestsQueuedPerDestination(10_000); // one webhook receiver may take every task's events
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the push notification HTTP client: " + e.getMessage(), e);
        }
        return client;
    }

    /** The response's status code; fails with the connection or timeout error, or with the guard's refusal. */
    CompletableFuture<Integer> post(URI uri, byte[] body, String contentType, Map<String, String> headers,
            Duration timeout) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        HttpClient client;
        try {
            client = http();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        client.newRequest(uri).method(HttpMethod.POST).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .body(new BytesRequestContent(contentType, body))
                .headers(fields -> headers.forEach(fields::put))
                .send(result -> {
                    if (result.isFailed()) {
                        status.completeExceptionally(result.getFailure());
                    } else {
                        status.complete(result.getResponse().getStatus());
                    }
                });
        return status;
    }

    /** Closes pooled connections, so that the next requests connect again under the current guard. */
    synchronized void forgetConnections() {
        if (http != null) {
            for (Destination destination : http.getDestinations()) {
                http.removeDestination(destination);
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.warn("The push notification HTTP client did not stop cleanly: {}", e.toString());
            }
        }
    }

    /** Resolves through the guard, off the caller's thread (name lookups block): only checked addresses come back. */
    private record CheckedAddresses(Supplier<PushDestinationGuard> guard, Executor executor)
            implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
            PushDestinationGuard current = guard.get();
            try {
                executor.execute(() -> {
                    try {
                        promise.succeeded(current.addresses(host).stream()
                                .map(address -> new InetSocketAddress(address, port)).toList());
                    } catch (IOException | RuntimeException e) {
                        promise.failed(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                promise.failed(e);
            }
        }
    }
}
