package io.agentx.management.internal;

import java.util.Arrays;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype description of a configuration PID (or factory PID) among all installed bundles. */
final class MetatypeLookup {
    private final BundleContext context;
    private final MetaTypeService metaTypes;

    MetatypeLookup(BundleContext context, MetaTypeService metaTypes) {
        this.context = context;
        this.metaTypes = metaTypes;
    }

    Optional<ObjectClassDefinition> find(String pid, String factoryPid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information;
            try {
                information = metaTypes.getMetaTypeInformation(bundle);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue;
            }
            if (information == null) {
                continue;
            }
            if (factoryPid != null && contains(information.getFactoryPids(), factoryPid)) {
                return Optional.ofNullable(information.getObjectClassDefinition(factoryPid, null));
            }
            if (pid != null && contains(information.getPids(), pid)) {
                return Optional.ofNullable(information.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    private static boolean contains(String[] values, String value) {
        return values != null && Arrays.asList(values).contains(value);
    }
}
