package io.agentx.router.internal.remote;

import java.time.Duration;
import java.util.Optional;

/** How the replicas of one remote agent are called and checked. */
record RemoteSettings(Duration healthInterval, Duration requestTimeout, Optional<PathProbe> pathProbe,
        boolean passCallerCredentials) {
}
