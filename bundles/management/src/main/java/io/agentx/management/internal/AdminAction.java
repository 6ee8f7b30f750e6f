package io.agentx.management.internal;

import io.agentx.security.api.AuditLog;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One management request, audited when it changes something: {@code bundle.install}, {@code config.update},
 * {@code key.revoke}… with the principal, the outcome ({@code success} or {@code failed}) and the status.
 */
final class AdminAction {
    /** The request's work. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    private final AuditLog audit;
    private final String principal;
    private final String method;
    private final String uri;
    private final Map<String, Object> details = new TreeMap<>();

    AdminAction(AuditLog audit, String principal, String method, String uri) {
        this.audit = audit;
        this.principal = principal;
        this.method = method;
        this.uri = uri;
    }

    /** Adds what the audit entry should name, e.g. the id of an issued key. */
    void detail(String name, Object value) {
        if (value != null) {
            details.put(name, value);
        }
    }

    void run(Work work) throws IOException {
        if (method.equals("GET") || method.equals("HEAD")) {
            work.run();
            return;
        }
        details.put("request", method + " " + uri);
        try {
            work.run();
        } catch (ApiException e) {
            details.put("status", e.status());
            details.put("reason", e.getMessage());
            audit.record(name(), principal, "failed", details);
            throw e;
        } catch (IOException | RuntimeException e) {
            details.put("reason", e.toString());
            audit.record(name(), principal, "failed", details);
            throw e;
        }
        audit.record(name(), principal, "success", details);
    }

    /** The action's name from its resource and method. */
    private String name() {
        ApiPath path = ApiPath.parse(uri.substring(uri.indexOf("/api/v1") + "/api/v1".length()));
        return switch (path.resource()) {
            case "bundles" -> "bundle." + (path.action() != null ? path.action() : switch (method) {
                case "POST" -> "install";
                case "PUT" -> "update";
                case "DELETE" -> "uninstall";
                default -> method.toLowerCase(java.util.Locale.ROOT);
            });
            case "configurations" -> "config." + (method.equals("DELETE") ? "delete" : "update");
            case "keys" -> "key." + (method.equals("DELETE") ? "revoke" : "issue");
            default -> path.resource() + "." + method.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
