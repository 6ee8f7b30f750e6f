package io.agentx.grpc.internal.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.grpc.internal.plugin.Plugins;
import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/plugins} and {@code GET /api/v1/plugins/{name}}: every plugin (supervised or connected on
 * its own) with its process state, pid, restarts, last error, sessions and agents. Needs the admin credentials.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("agentx-plugins-api")
@HttpWhiteboardServletPattern({"/api/v1/plugins", "/api/v1/plugins/*"})
public final class PluginsApi extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Plugins plugins;
    private final transient Authenticator authenticator;

    @Activate
    public PluginsApi(@Reference Plugins plugins, @Reference Authenticator authenticator) {
        this.plugins = plugins;
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
        String name = path.startsWith("/") ? path.substring(1) : path;
        Map<String, Map<String, Object>> all = plugins.views();
        if (name.isEmpty()) {
            write(response, 200, Map.of("plugins", List.copyOf(all.values())));
        } else if (all.containsKey(name)) {
            write(response, 200, all.get(name));
        } else {
            problem(response, 404, "Not Found", "No plugin '" + name + "'; GET /api/v1/plugins lists them", request);
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail,
            HttpServletRequest request) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        write(response, status, body);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(status >= 400 ? "application/problem+json" : "application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
