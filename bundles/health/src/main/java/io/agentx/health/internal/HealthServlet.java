package io.agentx.health.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentx.api.HealthCheck;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every bundle of the distribution
 * is active, its components are satisfied and no {@link HealthCheck} reports a problem (503 with the list of
 * what is not, otherwise).
 * Both are public, as load balancers and orchestrators call them without credentials.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("agentx-health")
@HttpWhiteboardServletPattern("/health/*")
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ServiceComponentRuntime scr;
    private final transient BundleContext context;
    private final transient BundleScope scope;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile List<HealthCheck> checks = List.of();

    @Activate
    public HealthServlet(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
        this.scope = BundleScope.of(context);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/live" -> write(response, 200, Map.of("status", "UP"));
            case "/ready" -> ready(response);
            default -> write(response, 404, Map.of("status", 404, "title", "Not Found",
                    "detail", "Unknown health endpoint '" + path + "'; use /health/live or /health/ready"));
        }
    }

    private void ready(HttpServletResponse response) throws IOException {
        List<ReadinessCheck.BundleStatus> bundles = new ArrayList<>();
        List<Bundle> covered = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (scope.covers(bundle)) {
                covered.add(bundle);
                bundles.add(new ReadinessCheck.BundleStatus(bundle.getBundleId(), bundle.getSymbolicName(),
                        BundleStates.name(bundle.getState()), isFragment(bundle)));
            }
        }
        Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components = new LinkedHashMap<>();
        if (!covered.isEmpty()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(covered.toArray(Bundle[]::new))) {
                if (scr.isComponentEnabled(description)) {
                    components.put(description, scr.getComponentConfigurationDTOs(description));
                }
            }
        }
        List<Problem> problems = new ArrayList<>(ReadinessCheck.problems(bundles, components));
        for (HealthCheck check : checks) {
            String problem = check.problem();
            if (problem != null) {
                Bundle owner = FrameworkUtil.getBundle(check.getClass());
                problems.add(new Problem(owner == null ? "?" : owner.getSymbolicName(), check.name(), problem));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "READY" : "NOT_READY");
        body.put("bundles", bundles.size());
        body.put("components", components.size());
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        write(response, problems.isEmpty() ? 200 : 503, body);
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
