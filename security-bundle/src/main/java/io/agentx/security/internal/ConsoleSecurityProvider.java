package io.agentx.security.internal;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.Authenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Guards the Felix Web Console with AgentX's admin credentials (the admin password or an administrator's API key);
 * refusals are audited. The kernel tells the console to require this
 * provider (id {@code agentx}), so the console's built-in admin/admin login is never used.
 */
@Component(property = SecurityProvider.PROPERTY_ID + "=agentx")
public final class ConsoleSecurityProvider implements SecurityProvider {
    private final Authenticator authenticator;

    @Activate
    public ConsoleSecurityProvider(@Reference Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        try {
            return authenticator.authenticateAdmin(request::getHeader, "console " + request.getRequestURI());
        } catch (AccessDeniedException e) {
            response.setHeader("WWW-Authenticate", authenticator.challenge());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return null;
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof AuthenticatedPrincipal principal && principal.hasRole(AuthenticatedPrincipal.ADMIN_ROLE);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no server-side session to end; the browser forgets the credentials itself.
    }
}
