package io.agentx.management.internal;

/** One property of a request that was wrong, and what was expected instead. */
record FieldError(String property, String message) {
}
