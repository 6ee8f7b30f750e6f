package io.agentx.management.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 {@code application/problem+json} bodies. */
final class ProblemResponse {
    private ProblemResponse() {
    }

    static void write(ObjectMapper json, HttpServletResponse response, ApiException problem, String instance)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("instance", instance);
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        response.setStatus(problem.status());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), body);
    }
}
