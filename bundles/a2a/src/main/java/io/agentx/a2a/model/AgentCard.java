package io.agentx.a2a.model;

import java.util.List;
import java.util.Map;

/**
 * How an agent describes itself: identity, where and how to call it, what it can do, how to authenticate.
 * Security schemes, requirements and signatures are kept as their JSON objects.
 */
public record AgentCard(String name, String description, List<AgentInterface> supportedInterfaces,
        AgentProvider provider, String version, String documentationUrl, AgentCapabilities capabilities,
        Map<String, Object> securitySchemes, List<Map<String, Object>> securityRequirements,
        List<String> defaultInputModes, List<String> defaultOutputModes, List<AgentSkill> skills,
        List<Map<String, Object>> signatures, String iconUrl) {

    public AgentCard {
        supportedInterfaces = Values.list(supportedInterfaces);
        capabilities = capabilities == null ? AgentCapabilities.NONE : capabilities;
        securitySchemes = Values.map(securitySchemes);
        securityRequirements = Values.list(securityRequirements);
        defaultInputModes = Values.list(defaultInputModes);
        defaultOutputModes = Values.list(defaultOutputModes);
        skills = Values.list(skills);
        signatures = Values.list(signatures);
    }

    /** The same card served at other interfaces. */
    public AgentCard withInterfaces(List<AgentInterface> interfaces) {
        return new AgentCard(name, description, interfaces, provider, version, documentationUrl, capabilities,
                securitySchemes, securityRequirements, defaultInputModes, defaultOutputModes, skills, signatures, iconUrl);
    }

    /** The same card with other capabilities. */
    public AgentCard withCapabilities(AgentCapabilities newCapabilities) {
        return new AgentCard(name, description, supportedInterfaces, provider, version, documentationUrl,
                newCapabilities, securitySchemes, securityRequirements, defaultInputModes, defaultOutputModes, skills,
                signatures, iconUrl);
    }

    /** The same card with other security schemes and requirements. */
    public AgentCard withSecurity(Map<String, Object> schemes, List<Map<String, Object>> requirements) {
        return new AgentCard(name, description, supportedInterfaces, provider, version, documentationUrl, capabilities,
                schemes, requirements, defaultInputModes, defaultOutputModes, skills, signatures, iconUrl);
    }

    /** The same card with other skills. */
    public AgentCard withSkills(List<AgentSkill> newSkills) {
        return new AgentCard(name, description, supportedInterfaces, provider, version, documentationUrl, capabilities,
                securitySchemes, securityRequirements, defaultInputModes, defaultOutputModes, newSkills, signatures,
                iconUrl);
    }
}
