package io.agentx.security.internal;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.TrustLevel;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The principal a TLS client certificate stands for: its subject's CN is the name, an attribute of the subject
 * (none by default) the tenant, the values of another ({@code OU} by default) the roles. The TLS layer has already
 * validated the chain against AgentX's trust store; the leaf's validity period is checked again here.
 */
final class CertificatePrincipals {
    private final String tenantAttribute;
    private final String rolesAttribute;
    private final TrustLevel trust;

    CertificatePrincipals(String tenantAttribute, String rolesAttribute, TrustLevel trust) {
        this.tenantAttribute = tenantAttribute == null ? "" : tenantAttribute.strip();
        this.rolesAttribute = rolesAttribute == null ? "" : rolesAttribute.strip();
        this.trust = trust.atLeast(TrustLevel.INTERNAL) ? TrustLevel.TRUSTED : trust;
    }

    AuthenticatedPrincipal principal(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHENTICATED,
                    "the client certificate is not valid now (" + e.getMessage() + ")");
        }
        String name = null;
        String tenant = null;
        Set<String> roles = new LinkedHashSet<>();
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                String value = String.valueOf(rdn.getValue());
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    name = value;
                }
                if (rdn.getType().equalsIgnoreCase(tenantAttribute)) {
                    tenant = value;
                }
                if (rdn.getType().equalsIgnoreCase(rolesAttribute)) {
                    roles.add(value);
                }
            }
        } catch (InvalidNameException e) {
            name = null;
        }
        if (name == null || name.isBlank()) {
            throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHENTICATED,
                    "the client certificate's subject has no CN to name the caller");
        }
        return new AuthenticatedPrincipal(name, tenant, roles, trust);
    }
}
