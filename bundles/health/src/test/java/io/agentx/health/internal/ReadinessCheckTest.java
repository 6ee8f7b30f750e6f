package io.agentx.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class ReadinessCheckTest {

    @Test
    void readyWhenEveryBundleIsActiveAndEveryComponentSatisfied() {
        List<Problem> problems = ReadinessCheck.problems(
                List.of(new ReadinessCheck.BundleStatus(1, "a", "ACTIVE", false),
                        new ReadinessCheck.BundleStatus(2, "fragment", "RESOLVED", true)),
                Map.of(description("a", "comp"), List.of(configuration(ComponentConfigurationDTO.ACTIVE))));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void namesInactiveBundlesMissingServicesAndFailedActivations() {
        ComponentConfigurationDTO unsatisfied = configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO reference = new UnsatisfiedReferenceDTO();
        reference.name = "store";
        unsatisfied.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {reference};
        ComponentConfigurationDTO failed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "java.lang.IllegalStateException: no disk\n\tat x.y.Z";

        Map<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> components = new LinkedHashMap<>();
        components.put(description("b", "needs-store"), List.of(unsatisfied));
        components.put(description("c", "explodes"), List.of(failed));
        List<Problem> problems = ReadinessCheck.problems(
                List.of(new ReadinessCheck.BundleStatus(3, "broken", "INSTALLED", false)), components);

        assertEquals(List.of(
                new Problem("broken", null, "bundle is INSTALLED, expected ACTIVE"),
                new Problem("b", "needs-store", "missing required service(s): store"),
                new Problem("c", "explodes", "activation failed: java.lang.IllegalStateException: no disk")), problems);
    }

    private static ComponentDescriptionDTO description(String bundle, String name) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = bundle;
        return description;
    }

    private static ComponentConfigurationDTO configuration(int state) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return configuration;
    }
}
