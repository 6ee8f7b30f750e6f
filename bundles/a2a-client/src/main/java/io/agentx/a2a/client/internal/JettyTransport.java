package io.agentx.a2a.client.internal;

import java.lang.ref.Cleaner;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The Jetty HTTP client behind one connector and its clients (HTTP/1.1 with responses handled on the selector
 * thread, connections pooled per agent, no redirects, daemon threads). Jetty's threads keep its client reachable,
 * so it is stopped when this owner is no longer reachable from any connector or client, as the JDK's client would
 * be collected.
 */
final class JettyTransport {
    private static final Cleaner CLEANER = Cleaner.create();

    private final HttpClient http;

    JettyTransport(Duration connectTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 2, 60_000);
        threads.setName("agentx-a2a-client");
        threads.setDaemon(true);
        HttpClient client = new HttpClient(new SelectorThreadTransport());
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("agentx-a2a-client-scheduler", true));
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(1024);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        this.http = client;
        CLEANER.register(this, () -> stop(client));
    }

    HttpClient http() {
        return http;
    }

    private static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            // nothing left to do for an unused client
        }
    }
}
