package io.agentx.security.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Security configurations for tests: the metatype defaults, with some values replaced. */
final class Configs {
    private Configs() {
    }

    static SecurityConfig security(Map<String, Object> overrides) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(),
                new Class<?>[] {SecurityConfig.class}, (proxy, method, arguments) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
