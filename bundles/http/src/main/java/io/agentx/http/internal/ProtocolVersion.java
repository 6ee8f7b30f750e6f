package io.agentx.http.internal;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** The A2A version a request speaks: the {@code A2A-Version} header or query parameter; none means 0.3. */
enum ProtocolVersion {
    V1_0("1.0"), V0_3("0.3");

    static final String HEADER = "A2A-Version";

    private final String label;

    ProtocolVersion(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static ProtocolVersion of(HttpServletRequest request) {
        String value = request.getHeader(HEADER);
        if (value == null || value.isBlank()) {
            value = request.getParameter(HEADER);
        }
        if (value == null || value.isBlank()) {
            return V0_3;
        }
        String version = value.trim();
        if (version.equals("1.0") || version.startsWith("1.0.")) {
            return V1_0;
        }
        if (version.equals("0.3") || version.startsWith("0.3.")) {
            return V0_3;
        }
        throw new A2aException(A2aError.VERSION_NOT_SUPPORTED, "A2A version '" + version
                + "' is not supported; this server speaks 1.0 (A2A-Version: 1.0) and 0.3", Map.of("version", version));
    }
}
