package io.agentx.health.internal;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown for every HTTP endpoint. When the framework begins to stop (the system bundle's STOPPING
 * event, delivered synchronously before any bundle stops), new requests are answered 503 with
 * {@code Connection: close}, and the stop waits until the requests already in flight have finished, at most
 * {@code agentx.shutdown.timeout.ms} (default 20 s).
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("agentx-request-drain")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterAsyncSupported
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=*)")
public final class RequestDrain implements Filter, SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDrain.class);
    private static final byte[] SHUTTING_DOWN = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"AgentX is shutting down; retry on another node or after restart\"}").getBytes(StandardCharsets.UTF_8);

    private final BundleContext context;
    private final long timeoutMillis;
    private final Object lock = new Object();
    private int inFlight;
    private boolean draining;

    @Activate
    public RequestDrain(BundleContext context) {
        this.context = context;
        String timeout = context.getProperty("agentx.shutdown.timeout.ms");
        this.timeoutMillis = timeout == null ? 20_000 : Long.parseLong(timeout);
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        synchronized (lock) {
            if (draining) {
                reject((HttpServletResponse) response);
                return;
            }
            inFlight++;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                // answered later from another thread (a task settling): in flight until then
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        finished();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                finished();
            }
        }
    }

    private void finished() {
        synchronized (lock) {
            inFlight--;
            if (inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
            drain();
        }
    }

    /** Closes the door to new requests and waits for the ones in flight. */
    void drain() {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            draining = true;
            if (inFlight > 0) {
                LOG.info("Waiting up to {} ms for {} in-flight request(s) to finish", timeoutMillis, inFlight);
            }
            try {
                for (long left = timeoutMillis; inFlight > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (inFlight > 0) {
                LOG.warn("Stopping with {} request(s) still in flight after {} ms", inFlight, timeoutMillis);
            }
        }
    }

    private static void reject(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Connection", "close");
        response.setHeader("Retry-After", "5");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(SHUTTING_DOWN);
    }
}
