package io.agentx.management.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.ApiKeys;
import io.agentx.security.api.AuditLog;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management REST API at {@code /api/v1}: bundles (list, install, update, start, stop, uninstall),
 * configurations (list, read, replace, delete), API keys (issue, list, revoke) and the audit trail's check. Every
 * call needs an administrator's credentials; every change is audited; every error is an RFC 9457 problem.
 */
@Component(service = Servlet.class, configurationPid = "io.agentx.management")
@Designate(ocd = ManagementConfig.class)
@HttpWhiteboardServletName("agentx-management-api")
@HttpWhiteboardServletPattern("/api/v1/*")
public final class ManagementApi extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Authenticator authenticator;
    private final transient AuditLog audit;
    private final transient KeysResource keys;
    private final transient BundleOperations bundles;
    private final transient ConfigurationOperations configurations;
    private transient volatile ManagementConfig config;

    @Activate
    public ManagementApi(BundleContext context, ManagementConfig config, @Reference Authenticator authenticator,
            @Reference ConfigurationAdmin configurationAdmin, @Reference ConfigurationGuard guard,
            @Reference BundleErrors errors, @Reference AuditLog audit, @Reference ApiKeys apiKeys) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.keys = new KeysResource(apiKeys, JSON, () -> config.maxJsonBytes());
        this.bundles = new BundleOperations(context, errors);
        this.configurations = new ConfigurationOperations(configurationAdmin, guard);
        this.config = config;
    }

    @Modified
    void modified(ManagementConfig changed) {
        this.config = changed;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            AuthenticatedPrincipal principal = authenticate(request);
            route(request, response, principal);
        } catch (ApiException e) {
            if (e.status() == 401) {
                response.setHeader("WWW-Authenticate", authenticator.challenge());
            }
            ProblemResponse.write(JSON, response, e, request.getRequestURI());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            ProblemResponse.write(JSON, response, new ApiException(500, "Internal Server Error",
                    "The request failed unexpectedly (" + e.getClass().getSimpleName() + "); see logs/agentx.log"),
                    request.getRequestURI());
        }
    }

    private AuthenticatedPrincipal authenticate(HttpServletRequest request) {
        try {
            return authenticator.authenticateAdmin(request::getHeader, request.getMethod() + " " + request.getRequestURI());
        } catch (AccessDeniedException e) {
            if (e.reason() == AccessDeniedException.Reason.FORBIDDEN) {
                throw new ApiException(403, "Forbidden", e.getMessage());
            }
            throw new ApiException(401, "Unauthorized", "The management API needs the admin credentials (HTTP Basic, "
                    + "user 'admin', or an administrator's API key in " + authenticator.apiKeyHeader() + "): "
                    + e.getMessage());
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, AuthenticatedPrincipal principal)
            throws IOException {
        ApiPath path = ApiPath.parse(request.getPathInfo());
        String method = request.getMethod();
        AdminAction action = new AdminAction(audit, principal.name(), method, request.getRequestURI());
        switch (path.resource()) {
            case "bundles" -> action.run(() -> routeBundles(path, method, request, response));
            case "configurations" -> action.run(() -> routeConfigurations(path, method, request, response));
            case "keys" -> action.run(() -> keys.route(path, method, request, response, action));
            case "audit" -> routeAudit(path, method, response);
            default -> throw ApiException.notFound("No resource '" + request.getRequestURI() + "'; the API has "
                    + "/api/v1/bundles, /api/v1/configurations, /api/v1/keys, /api/v1/audit, /api/v1/agents and "
                    + "/api/v1/plugins");
        }
    }

    private void routeAudit(ApiPath path, String method, HttpServletResponse response) throws IOException {
        if (!"verify".equals(path.id()) || path.action() != null) {
            throw ApiException.notFound("The audit trail has one resource: GET /api/v1/audit/verify");
        }
        if (!method.equals("GET")) {
            throw notAllowed(method, "GET");
        }
        AuditLog.Verification verification = audit.verify();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("intact", verification.intact());
        body.put("entries", verification.entries());
        if (!verification.intact()) {
            body.put("brokenAt", verification.brokenAt());
            body.put("problem", verification.problem());
        }
        write(response, 200, body);
    }

    private void routeBundles(ApiPath path, String method, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (path.id() == null) {
            switch (method) {
                case "GET" -> write(response, 200, bundles.list());
                case "POST" -> {
                    BundleView installed = bundles.install(upload(request), !"false".equals(request.getParameter("start")));
                    response.setHeader("Location", "/api/v1/bundles/" + installed.id());
                    write(response, 201, installed);
                }
                default -> throw notAllowed(method, "GET, POST");
            }
            return;
        }
        long id = path.numericId();
        if (path.action() == null) {
            switch (method) {
                case "GET" -> write(response, 200, bundles.get(id));
                case "PUT" -> write(response, 200, bundles.update(id, upload(request)));
                case "DELETE" -> {
                    bundles.uninstall(id);
                    response.setStatus(204);
                }
                default -> throw notAllowed(method, "GET, PUT, DELETE");
            }
            return;
        }
        if (!method.equals("POST")) {
            throw notAllowed(method, "POST");
        }
        switch (path.action()) {
            case "start" -> write(response, 200, bundles.start(id));
            case "stop" -> write(response, 200, bundles.stop(id));
            default -> throw ApiException.notFound("Unknown bundle action '" + path.action() + "'; use start or stop");
        }
    }

    private void routeConfigurations(ApiPath path, String method, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (path.action() != null) {
            throw ApiException.notFound("No resource '" + request.getRequestURI() + "'");
        }
        if (path.id() == null) {
            if (!method.equals("GET")) {
                throw notAllowed(method, "GET");
            }
            write(response, 200, configurations.list());
            return;
        }
        String pid = path.id();
        switch (method) {
            case "GET" -> write(response, 200, configurations.get(pid));
            case "PUT" -> {
                boolean created = configurations.put(pid, jsonObject(request));
                write(response, created ? 201 : 200, configurations.get(pid));
            }
            case "DELETE" -> {
                configurations.delete(pid);
                response.setStatus(204);
            }
            default -> throw notAllowed(method, "GET, PUT, DELETE");
        }
    }

    private UploadedBundle upload(HttpServletRequest request) throws IOException {
        RequestBodies.requireMediaType(request, RequestBodies.JAR_TYPES);
        return UploadedBundle.of(RequestBodies.read(request, config.maxUploadBytes()));
    }

    private Map<String, Object> jsonObject(HttpServletRequest request) throws IOException {
        RequestBodies.requireMediaType(request, Set.of("application/json"));
        byte[] body = RequestBodies.read(request, config.maxJsonBytes());
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object of configuration properties, e.g. {\"port\": 8080}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = JSON.convertValue(node, Map.class);
        return properties;
    }

    static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, "Method Not Allowed", method + " is not supported here; allowed: " + allowed);
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
