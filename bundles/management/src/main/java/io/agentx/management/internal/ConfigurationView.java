package io.agentx.management.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** A configuration as the API shows it: passwords masked, with its source file and any rejected edit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfigurationView(String pid, String factoryPid, String file, Map<String, Object> properties,
        List<FieldError> rejected) {
    static final String MASK = "********";

    static ConfigurationView of(Configuration configuration, Optional<ObjectClassDefinition> ocd,
            Optional<List<FieldError>> rejected) {
        Map<String, Object> properties = new TreeMap<>();
        Dictionary<String, Object> dictionary = configuration.getProperties();
        String file = null;
        if (dictionary != null) {
            for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                Object value = dictionary.get(key);
                if (key.equals("felix.fileinstall.filename") || key.equals(JsonConfigInstaller.SOURCE_FILE)) {
                    file = String.valueOf(value);
                } else if (!key.equals("service.pid") && !key.equals("service.factoryPid")) {
                    properties.put(key, isPassword(ocd, key) ? MASK : value);
                }
            }
        }
        return new ConfigurationView(configuration.getPid(), configuration.getFactoryPid(), file, properties,
                rejected.orElse(null));
    }

    static boolean isPassword(Optional<ObjectClassDefinition> ocd, String key) {
        if (ocd.isEmpty()) {
            return false;
        }
        AttributeDefinition[] definitions = ocd.get().getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (definitions == null) {
            return false;
        }
        for (AttributeDefinition definition : definitions) {
            if (definition.getID().equals(key)) {
                return definition.getType() == AttributeDefinition.PASSWORD;
            }
        }
        return false;
    }
}
