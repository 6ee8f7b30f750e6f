package io.agentx.router.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component property types for tests: the declared defaults, with some values overridden. */
final class Configs {
    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            return method.getDefaultValue();
        }));
    }
}
