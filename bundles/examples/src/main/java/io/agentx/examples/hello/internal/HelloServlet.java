package io.agentx.examples.hello.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /hello?name=Ada} answers {@code Hello, Ada! (example 0.1.0)}; its greeting changes live with the
 * configuration of PID {@code io.agentx.examples.hello}.
 */
@Component(service = Servlet.class, configurationPid = "io.agentx.examples.hello")
@Designate(ocd = HelloConfig.class)
@HttpWhiteboardServletName("agentx-hello-example")
@HttpWhiteboardServletPattern("/hello")
public final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String version;
    private transient volatile HelloConfig config;

    @Activate
    public HelloServlet(BundleContext context, HelloConfig config) {
        this.version = context.getBundle().getVersion().toString();
        this.config = config;
    }

    @Modified
    void modified(HelloConfig changed) {
        this.config = changed;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HelloConfig current = config;
        String name = request.getParameter("name") == null ? "world" : request.getParameter("name");
        String greeting = (current.greeting() + " ").repeat(current.repeat()).trim() + ", " + name + "!";
        if ("shout".equals(current.style())) {
            greeting = greeting.toUpperCase(Locale.ROOT);
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(greeting + " (example " + version + ")");
    }
}
