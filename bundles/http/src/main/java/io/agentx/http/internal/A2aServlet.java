package io.agentx.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.api.A2aService;
import io.agentx.api.AgentTransport;
import io.agentx.security.api.CallGuard;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Every agent's A2A endpoints: {@code /agents/{id}/.well-known/agent-card.json} (its card),
 * {@code POST /agents/{id}} (JSON-RPC, 1.0 or 0.3 by the {@code A2A-Version} header) and
 * {@code /agents/{id}/rest/…} (HTTP+JSON: 1.0, and 0.3 below {@code rest/v1/}); and the gateway: its card at
 * {@code /.well-known/agent-card.json}, JSON-RPC at {@code POST /} and HTTP+JSON below {@code /rest/}, where the
 * router picks the agent by its routing rules.
 */
@Component(service = Servlet.class, configurationPid = "io.agentx.http")
@Designate(ocd = HttpConfig.class)
@HttpWhiteboardServletName("agentx-a2a")
@HttpWhiteboardServletAsyncSupported
@HttpWhiteboardServletPattern({"/agents/*", "/.well-known/agent-card.json", "/", "/rest/*"})
public final class A2aServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String CARD = "/.well-known/agent-card.json";

    private final transient A2aService service;
    private final transient CallGuard guard;
    private final transient A2aJson json = new A2aJson();
    private final transient CardFactory cards = new CardFactory(json);
    private final String version;
    private transient volatile Endpoints endpoints;

    /** Other transports serving the agents (gRPC…): cards list their interfaces while they are here. */
    @Reference(policy = ReferencePolicy.DYNAMIC, cardinality = ReferenceCardinality.MULTIPLE,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile List<AgentTransport> transports = List.of();

    /** The handlers for one configuration, swapped as a whole when it changes. */
    private record Endpoints(HttpConfig config, JsonRpcHandler jsonRpc, RestHandler rest, LargeRequests large) {
    }

    @Activate
    public A2aServlet(@Reference A2aService service, @Reference CallGuard guard, BundleContext context,
            HttpConfig config) {
        this.service = service;
        this.guard = guard;
        String agentxVersion = context.getProperty("agentx.version");
        this.version = agentxVersion == null ? context.getBundle().getVersion().toString() : agentxVersion;
        modified(config);
    }

    @Modified
    void modified(HttpConfig config) {
        Limits limits = Limits.of(config);
        A2aJson requests = new A2aJson(config.maxJsonDepth());
        endpoints = new Endpoints(config, new JsonRpcHandler(service, requests, limits,
                new LegacyJsonRpc(service, requests, limits)), new RestHandler(service, requests, limits,
                new LegacyRestHandler(service, requests, limits)), new LargeRequests(config.maxLargeRequests(),
                config.largeRequestWaitMillis()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (LargeRequests.isLarge(request)) {
            Admission.admit(guard, binding(request), request, response); // no turn, nor a wait, for a refused caller
        }
        if (!endpoints.large().enter(request, response)) {
            return; // suspended until its turn comes: dispatched here again then
        }
        try {
            route(request, response);
        } finally {
            LargeRequests.leave(request);
            // an answer given before the body was read (415, 405, 404…) must not cost the client its connection
            Requests.drainQuietly(request, endpoints.config().maxBodyBytes());
        }
    }

    /** The binding a request is for, as its path says: HTTP+JSON below {@code rest/}, else JSON-RPC. */
    private static String binding(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/rest")) {
            return "rest";
        }
        int agentEnd = path.startsWith("/agents/") ? path.indexOf('/', "/agents/".length()) : -1;
        return agentEnd > 0 && path.startsWith("/rest", agentEnd) ? "rest" : "jsonrpc";
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Endpoints current = endpoints;
        String servletPath = request.getServletPath();
        if (CARD.equals(servletPath) || request.getPathInfo() == null && CARD.equals(request.getRequestURI())) {
            gatewayCard(request, response, current.config());
            return;
        }
        String fullPath = servletPath + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (fullPath.isEmpty() || fullPath.equals("/")) {
            if (!request.getMethod().equals("POST")) {
                response.setHeader("Allow", "POST");
                notFound(response, "POST JSON-RPC requests to the gateway here; its card is at " + CARD);
                return;
            }
            Admission.admit(guard, "jsonrpc", request, response);
            current.jsonRpc().handle(null, request, response);
            return;
        }
        if (servletPath.equals("/rest")) {
            Admission.admit(guard, "rest", request, response);
            current.rest().handle(null, request.getPathInfo() == null ? "" : request.getPathInfo(), request, response);
            return;
        }
        if (!servletPath.equals("/agents")) {
            notFound(response, "nothing at " + request.getRequestURI() + "; A2A agents are below /agents/, the gateway "
                    + "card is at " + CARD);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        int slash = path.indexOf('/', 1);
        String agentId = slash < 0 ? path.substring(Math.min(1, path.length())) : path.substring(1, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        Optional<AgentCard> card = service.card(agentId);
        if (card.isEmpty()) {
            notFound(response, "no agent '" + agentId + "' is installed; GET /.well-known/agent-card.json lists the agents");
            return;
        }
        if (rest.equals(CARD)) {
            requireGet(request, response);
            if (!response.isCommitted()) {
                String base = baseUrl(request, current.config());
                writeCard(response, cards.agentCard(secured(card.get()), base, agentId, service.pushNotifications(),
                        otherInterfaces(base, agentId)));
            }
        } else if (rest.isEmpty() || rest.equals("/")) {
            if (!request.getMethod().equals("POST")) {
                response.setHeader("Allow", "POST");
                notFound(response, "POST JSON-RPC requests here; the agent's card is at " + CARD + " below this URL");
                return;
            }
            Admission.admit(guard, "jsonrpc", request, response);
            current.jsonRpc().handle(agentId, request, response);
        } else if (rest.equals("/rest") || rest.startsWith("/rest/")) {
            Admission.admit(guard, "rest", request, response);
            current.rest().handle(agentId, rest.substring(5), request, response);
        } else {
            notFound(response, "no A2A endpoint at " + request.getRequestURI());
        }
    }

    private void gatewayCard(HttpServletRequest request, HttpServletResponse response, HttpConfig config)
            throws IOException {
        List<String> ids = service.agentIds();
        List<AgentCard> all = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String id : ids) {
            service.card(id).ifPresent(card -> {
                all.add(card);
                present.add(id);
            });
        }
        String base = baseUrl(request, config);
        writeCard(response, cards.gatewayCard(all, present, base, version, service.pushNotifications(),
                otherInterfaces(base, null), guard.securitySchemes(), guard.securityRequirements()));
    }

    /** The card with exactly the security schemes AgentX enforces for every agent it serves. */
    private AgentCard secured(AgentCard card) {
        return card.withSecurity(guard.securitySchemes(), guard.securityRequirements());
    }

    private List<AgentInterface> otherInterfaces(String base, String agentId) {
        List<AgentTransport> others = transports;
        if (others.isEmpty()) {
            return List.of();
        }
        String host = java.net.URI.create(base).getHost();
        List<AgentInterface> interfaces = new ArrayList<>();
        for (AgentTransport transport : others) {
            interfaces.addAll(transport.interfaces(host, agentId));
        }
        return interfaces;
    }

    private void writeCard(HttpServletResponse response, JsonNode card) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=60");
        json.mapper().writeValue(response.getOutputStream(), card);
    }

    private static void requireGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET");
            response.sendError(405);
        }
    }

    private void notFound(HttpServletResponse response, String message) throws IOException {
        response.setStatus(404);
        response.setContentType("application/json");
        json.mapper().writeValue(response.getOutputStream(),
                ErrorBodies.rest(new A2aException(A2aError.METHOD_NOT_FOUND, message, Map.of())));
    }

    static String baseUrl(HttpServletRequest request, HttpConfig config) {
        String configured = config.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host;
    }
}
