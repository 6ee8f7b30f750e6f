package io.agentx.health.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Decides readiness from bundle states and Declarative Services' view of each component. */
final class ReadinessCheck {

    /** What readiness needs to know of one bundle. */
    record BundleStatus(long id, String symbolicName, String state, boolean fragment) {
        boolean active() {
            return fragment ? !"INSTALLED".equals(state) : "ACTIVE".equals(state);
        }
    }

    private ReadinessCheck() {
    }

    /**
     * @param bundles the bundles in scope
     * @param components every enabled component description of those bundles, with its configurations
     */
    static List<Problem> problems(Collection<BundleStatus> bundles,
            Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components) {
        List<Problem> problems = new ArrayList<>();
        for (BundleStatus bundle : bundles) {
            if (!bundle.active()) {
                problems.add(new Problem(bundle.symbolicName(), null,
                        "bundle is " + bundle.state() + (bundle.fragment() ? "" : ", expected ACTIVE")));
            }
        }
        components.forEach((description, configurations) -> {
            for (ComponentConfigurationDTO configuration : configurations) {
                String reason = reason(configuration);
                if (reason != null) {
                    problems.add(new Problem(description.bundle.symbolicName, description.name, reason));
                }
            }
        });
        return problems;
    }

    private static String reason(ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waiting for its configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    missing.add(reference.name + (reference.target == null ? "" : " " + reference.target));
                }
                return "missing required service(s): " + String.join(", ", missing);
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "activation failed: " + firstLine(configuration.failure);
            default:
                return null;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
