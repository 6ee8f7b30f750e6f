package io.agentx.http.internal;

import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Message;
import java.time.Duration;

/** The configured limits against abusive requests. */
record Limits(int maxBodyBytes, int maxParts, Duration keepAlive, Duration idleTimeout) {

    static Limits of(HttpConfig config) {
        return new Limits(config.maxBodyBytes(), config.maxParts(), Duration.ofMillis(config.keepAliveMillis()),
                Duration.ofMillis(config.streamIdleTimeoutMillis()));
    }

    void check(Message message, String path) {
        if (message.parts().size() > maxParts) {
            throw A2aException.invalid(path + ".parts", "has " + message.parts().size() + " parts; at most " + maxParts
                    + " are accepted (maxParts of PID io.agentx.http)");
        }
    }
}
