package io.agentx.core.internal;

import java.util.concurrent.CompletionException;

/** What failed a completion stage, without the {@link CompletionException} dependent stages wrap it in. */
final class Completions {
    private Completions() {
    }

    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
