package io.agentx.http.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** Query parameters as the JSON object of the request message they bind to (numbers and booleans typed). */
final class QueryParameters {
    private QueryParameters() {
    }

    static ObjectNode toJson(HttpServletRequest request) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue()[0];
            switch (name) {
                case "pageSize", "historyLength" -> {
                    try {
                        json.put(name, Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        json.put(name, value);
                    }
                }
                case "includeArtifacts" -> json.put(name, Boolean.parseBoolean(value));
                default -> json.put(name, value);
            }
        }
        return json;
    }
}
