package io.agentx.router.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.router.internal.health.ReplicaHealth;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/agents} and {@code GET /api/v1/agents/{agentId}}: every agent with its strategy and its
 * replicas' health, outstanding requests, counts and recent latency percentiles. Needs the admin credentials.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("agentx-agents-api")
@HttpWhiteboardServletPattern({"/api/v1/agents", "/api/v1/agents/*"})
public final class AgentsApi extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Router router;
    private final transient Authenticator authenticator;

    @Activate
    public AgentsApi(@Reference Router router, @Reference Authenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            authenticator.authenticateAdmin(request::getHeader, request.getMethod() + " " + request.getRequestURI());
        } catch (AccessDeniedException e) {
            boolean forbidden = e.reason() == AccessDeniedException.Reason.FORBIDDEN;
            if (!forbidden) {
                response.setHeader("WWW-Authenticate", authenticator.challenge());
            }
            problem(response, forbidden ? 403 : 401, forbidden ? "Forbidden" : "Unauthorized", "The management API "
                    + "needs the admin credentials (HTTP Basic, user 'admin', or an administrator's API key): "
                    + e.getMessage(), request);
            return;
        }
        if (!request.getMethod().equals("GET")) {
            response.setHeader("Allow", "GET");
            problem(response, 405, "Method Not Allowed", request.getMethod() + " is not supported here; allowed: GET",
                    request);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String agentId = path.startsWith("/") ? path.substring(1) : path;
        long now = System.nanoTime();
        if (agentId.isEmpty()) {
            List<Object> agents = new ArrayList<>();
            for (String id : router.directory().agentIds()) {
                AgentGroup group = router.directory().group(id);
                if (group != null) {
                    agents.add(view(group, now));
                }
            }
            write(response, 200, Map.of("agents", agents));
            return;
        }
        AgentGroup group = router.directory().group(agentId);
        if (group == null) {
            problem(response, 404, "Not Found", "No agent '" + agentId + "'; GET /api/v1/agents lists them", request);
            return;
        }
        write(response, 200, view(group, now));
    }

    private Map<String, Object> view(AgentGroup group, long now) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", group.agentId());
        agent.put("name", group.representative(now).agent().card().name());
        agent.put("strategy", group.strategy().name());
        List<Object> replicas = new ArrayList<>();
        int healthy = 0;
        int outstanding = 0;
        for (Replica replica : group.replicas()) {
            RouterMetrics.Figures figures = router.metrics().figures(replica);
            ReplicaHealth.Status status = replica.health().status(now);
            healthy += replica.available(now) ? 1 : 0;
            outstanding += replica.outstanding();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", replica.name());
            view.put("state", status.state());
            view.put("weight", replica.weight());
            view.put("outstanding", replica.outstanding());
            view.put("requests", figures.requests());
            view.put("errors", figures.errors());
            view.put("latencyMillis", Map.of("mean", round(figures.meanMillis()), "p50", round(figures.p50Millis()),
                    "p95", round(figures.p95Millis()), "p99", round(figures.p99Millis())));
            if (replica.agent() instanceof ReplicaDetails described) {
                view.put("remote", described.details());
            }
            view.put("circuitBreaker", status.breaker());
            view.put("ejections", status.ejections());
            if (status.ejectedForMillis() > 0) {
                view.put("ejectedForMillis", status.ejectedForMillis());
            }
            if (status.lastProbeError() != null) {
                view.put("lastProbeError", status.lastProbeError());
            }
            replicas.add(view);
        }
        RouterMetrics.Figures together = router.metrics().figures(List.of(group.replicas()));
        agent.put("healthyReplicas", healthy);
        agent.put("requests", together.requests());
        agent.put("errors", together.errors());
        agent.put("outstanding", outstanding);
        agent.put("latencyMillis", Map.of("mean", round(together.meanMillis()), "p50", round(together.p50Millis()),
                "p95", round(together.p95Millis()), "p99", round(together.p99Millis())));
        agent.put("replicas", replicas);
        return agent;
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail,
            HttpServletRequest request) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
