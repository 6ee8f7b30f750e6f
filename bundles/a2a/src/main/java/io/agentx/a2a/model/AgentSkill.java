package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/** Something an agent can do. */
public record AgentSkill(String id, String name, String description, List<String> tags, List<String> examples,
        List<String> inputModes, List<String> outputModes, List<Map<String, Object>> securityRequirements) {

    public AgentSkill {
        tags = Values.list(tags);
        examples = Values.list(examples);
        inputModes = Values.list(inputModes);
        outputModes = Values.list(outputModes);
        securityRequirements = Values.list(securityRequirements);
    }
}
