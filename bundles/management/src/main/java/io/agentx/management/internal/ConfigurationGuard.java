package io.agentx.management.internal;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards components against invalid configuration from any source (files in {@code config/}, the Web Console,
 * Config Admin): before Config Admin hands a configuration to a component, its properties are checked against
 * the component's metatype. An invalid configuration is logged with PID, property and expected form, and the
 * component keeps receiving the last valid one (or its defaults for the invalid properties, if there was none).
 */
@Component(service = {ConfigurationPlugin.class, ConfigurationGuard.class},
        property = {ConfigurationPlugin.CM_RANKING + ":Integer=500"})
public final class ConfigurationGuard implements ConfigurationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationGuard.class);

    private final MetatypeLookup metatypes;
    private final Map<String, Hashtable<String, Object>> lastValid = new ConcurrentHashMap<>();
    private final Map<String, List<FieldError>> rejected = new ConcurrentHashMap<>();

    @Activate
    public ConfigurationGuard(BundleContext context, @Reference MetaTypeService metaTypes) {
        this.metatypes = new MetatypeLookup(context, metaTypes);
    }

    MetatypeLookup metatypes() {
        return metatypes;
    }

    /** The errors of the last configuration of this PID that was turned away, if it was. */
    Optional<List<FieldError>> rejection(String pid) {
        return Optional.ofNullable(rejected.get(pid));
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        String pid = (String) properties.get(Constants.SERVICE_PID);
        String factoryPid = (String) properties.get("service.factoryPid");
        if (pid == null) {
            return;
        }
        Optional<ObjectClassDefinition> ocd = metatypes.find(pid, factoryPid);
        if (ocd.isEmpty()) {
            return;
        }
        Map<String, Object> current = toMap(properties);
        ConfigurationValidator.Result result = ConfigurationValidator.validate(ocd.get(), current);
        if (result.valid()) {
            lastValid.put(pid, new Hashtable<>(current));
            rejected.remove(pid);
            return;
        }
        rejected.put(pid, result.errors());
        Hashtable<String, Object> previous = lastValid.get(pid);
        LOG.error("Configuration {} rejected: {}; {}", pid,
                result.errors().stream().map(e -> e.property() + " " + e.message()).collect(Collectors.joining("; ")),
                previous != null ? "the previous valid configuration stays in effect" : "defaults apply to the invalid properties");
        if (previous != null) {
            for (String key : Collections.list(properties.keys())) {
                if (!ConfigurationValidator.isFrameworkKey(key)) {
                    properties.remove(key);
                }
            }
            previous.forEach((key, value) -> {
                if (!ConfigurationValidator.isFrameworkKey(key)) {
                    properties.put(key, value);
                }
            });
        } else {
            result.errors().forEach(error -> properties.remove(error.property()));
        }
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        return map;
    }
}
