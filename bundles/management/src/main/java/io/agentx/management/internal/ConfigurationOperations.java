package io.agentx.management.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Lists, reads, replaces and deletes configurations. A replacement is validated against the component's
 * metatype first; an invalid one changes nothing. Factory configurations are addressed as
 * {@code <factoryPid>~<name>}.
 */
final class ConfigurationOperations {
    private final ConfigurationAdmin admin;
    private final ConfigurationGuard guard;

    ConfigurationOperations(ConfigurationAdmin admin, ConfigurationGuard guard) {
        this.admin = admin;
        this.guard = guard;
    }

    List<ConfigurationView> list() {
        List<ConfigurationView> views = new ArrayList<>();
        for (Configuration configuration : find(null)) {
            views.add(view(configuration));
        }
        views.sort((a, b) -> a.pid().compareTo(b.pid()));
        return views;
    }

    ConfigurationView get(String pid) {
        return view(existing(pid));
    }

    /** Replaces the properties of a configuration, creating it if needed; returns whether it was created. */
    boolean put(String pid, Map<String, Object> body) {
        String factoryPid = factoryPidOf(pid);
        Optional<Configuration> current = find(pid).stream().findFirst();
        Optional<ObjectClassDefinition> ocd = guard.metatypes().find(pid, factoryPid);
        Map<String, Object> requested = keepMaskedPasswords(body, current, ocd);
        Hashtable<String, Object> properties;
        if (ocd.isPresent()) {
            ConfigurationValidator.Result result = ConfigurationValidator.validate(ocd.get(), requested);
            if (!result.valid()) {
                throw new ApiException(400, "Invalid configuration", "Configuration " + pid + " was not changed: "
                        + result.errors().size() + " invalid propert" + (result.errors().size() == 1 ? "y" : "ies")
                        + "; the previous configuration stays in effect", result.errors());
            }
            properties = result.properties();
        } else {
            properties = untyped(requested);
        }
        try {
            Configuration configuration = current.orElse(factoryPid != null
                    ? admin.getFactoryConfiguration(factoryPid, pid.substring(factoryPid.length() + 1), "?")
                    : admin.getConfiguration(pid, "?"));
            Dictionary<String, Object> old = configuration.getProperties();
            if (old != null && old.get("felix.fileinstall.filename") != null) {
                properties.put("felix.fileinstall.filename", old.get("felix.fileinstall.filename"));
            }
            configuration.update(properties);
        } catch (IOException e) {
            throw new ApiException(500, "Internal Server Error", "Cannot store configuration " + pid + ": " + e.getMessage());
        }
        return current.isEmpty();
    }

    void delete(String pid) {
        try {
            existing(pid).delete();
        } catch (IOException e) {
            throw new ApiException(500, "Internal Server Error", "Cannot delete configuration " + pid + ": " + e.getMessage());
        }
    }

    private Configuration existing(String pid) {
        return find(pid).stream().findFirst().orElseThrow(() -> ApiException.notFound(
                "No configuration with PID " + pid + "; GET /api/v1/configurations lists them, PUT creates one"));
    }

    private Collection<Configuration> find(String pid) {
        try {
            Configuration[] found = admin.listConfigurations(pid == null ? null : "(service.pid=" + escape(pid) + ")");
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            throw ApiException.badRequest("Cannot look up configuration '" + pid + "': " + e.getMessage());
        }
    }

    private ConfigurationView view(Configuration configuration) {
        Optional<ObjectClassDefinition> ocd = guard.metatypes().find(configuration.getPid(), configuration.getFactoryPid());
        return ConfigurationView.of(configuration, ocd, guard.rejection(configuration.getPid()));
    }

    private static Map<String, Object> keepMaskedPasswords(Map<String, Object> body, Optional<Configuration> current,
            Optional<ObjectClassDefinition> ocd) {
        Map<String, Object> requested = new java.util.LinkedHashMap<>(body);
        Dictionary<String, Object> old = current.map(Configuration::getProperties).orElse(null);
        requested.replaceAll((key, value) -> ConfigurationView.MASK.equals(value) && ConfigurationView.isPassword(ocd, key)
                && old != null && old.get(key) != null ? old.get(key) : value);
        return requested;
    }

    static Hashtable<String, Object> untyped(Map<String, Object> body) {
        Hashtable<String, Object> properties = new Hashtable<>();
        body.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                throw new ApiException(400, "Invalid configuration", "Property " + key
                        + " is a JSON object; configuration values are strings, numbers, booleans or lists of them",
                        List.of(new FieldError(key, "expected a string, number, boolean or list, got an object")));
            }
            if (value != null) {
                properties.put(key, value);
            }
        });
        return properties;
    }

    static String factoryPidOf(String pid) {
        int tilde = pid.indexOf('~');
        return tilde > 0 ? pid.substring(0, tilde) : null;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
