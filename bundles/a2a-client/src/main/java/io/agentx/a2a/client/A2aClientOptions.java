package io.agentx.a2a.client;

import io.agentx.a2a.model.AgentInterface;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link A2aClient} connects: timeouts, headers sent with every request (credentials) and which interface
 * of an agent card to prefer. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * A2aClientOptions options = A2aClientOptions.builder()
 *         .bearerToken(token)
 *         .requestTimeout(Duration.ofSeconds(30))
 *         .preferBinding(AgentInterface.HTTP_JSON)
 *         .build();
 * }</pre>
 */
public final class A2aClientOptions {
    /** Headers the client sets itself, which {@link Builder#header} refuses. */
    private static final Set<String> OWN_HEADERS = Set.of("a2a-version", "content-type", "accept");

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration streamReadTimeout;
    private final int maxResponseBytes;
    private final Map<String, String> headers;
    private final String preferredBinding;
    private final String preferredVersion;

    private A2aClientOptions(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.streamReadTimeout = builder.streamReadTimeout;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.preferredBinding = builder.preferredBinding;
        this.preferredVersion = builder.preferredVersion;
    }

    /** The defaults: 10 s to connect, 90 s per request, 60 s of stream silence, 32 MiB answers, no headers. */
    public static A2aClientOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.connectTimeout = connectTimeout;
        builder.requestTimeout = requestTimeout;
        builder.streamReadTimeout = streamReadTimeout;
        builder.maxResponseBytes = maxResponseBytes;
        builder.headers.putAll(headers);
        builder.preferredBinding = preferredBinding;
        builder.preferredVersion = preferredVersion;
        return builder;
    }

    /** The longest wait for a TCP (and TLS) connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest wait for a whole answer, or for the start of a stream. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The longest silence (no event, no keep-alive) a stream may keep before it fails. */
    public Duration streamReadTimeout() {
        return streamReadTimeout;
    }

    /** The largest answer, or stream event, accepted in bytes. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Headers sent with every request, card requests included. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The binding to prefer among interfaces of the same version, or {@code null} for the card's order. */
    public String preferredBinding() {
        return preferredBinding;
    }

    /** The A2A version to prefer ({@code 1.0} or {@code 0.3}), or {@code null}: 1.0 when offered. */
    public String preferredVersion() {
        return preferredVersion;
    }

    /** Builds {@link A2aClientOptions}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(90);
        private Duration streamReadTimeout = Duration.ofSeconds(60);
        private int maxResponseBytes = 32 * 1024 * 1024;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String preferredBinding;
        private String preferredVersion;

        private Builder() {
        }

        /** The longest wait for a connection; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The longest wait for a whole answer, or for a stream to start; default 90 s. A blocking
         * {@code sendMessage} waits for the agent to finish, so allow for that.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** The longest silence on a stream before it fails with {@link A2aClientException.Failure#TIMEOUT}; default 60 s. */
        public Builder streamReadTimeout(Duration timeout) {
            this.streamReadTimeout = positive(timeout, "streamReadTimeout");
            return this;
        }

        /** The largest answer or stream event accepted, in bytes; default 32 MiB. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * A header sent with every request, e.g. an API key. Replaces an earlier value of the same header.
         *
         * @throws IllegalArgumentException for headers the client sets itself ({@code A2A-Version},
         *         {@code Content-Type}, {@code Accept}) or the JDK HTTP client does not allow ({@code Host}…)
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "value of header " + name);
            if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the client itself");
            }
            HttpRequest.newBuilder().header(name, value); // throws IllegalArgumentException for restricted or malformed headers
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>} with every request. */
        public Builder bearerToken(String token) {
            return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
        }

        /** Sends an API key in the named header (as an agent card's {@code apiKeySecurityScheme} names it). */
        public Builder apiKey(String headerName, String key) {
            return header(headerName, key);
        }

        /** Prefers this binding ({@link AgentInterface#JSONRPC} or {@link AgentInterface#HTTP_JSON}) among interfaces of the same version. */
        public Builder preferBinding(String binding) {
            if (binding != null && !binding.equals(AgentInterface.JSONRPC) && !binding.equals(AgentInterface.HTTP_JSON)) {
                throw new IllegalArgumentException("binding must be JSONRPC or HTTP+JSON, got '" + binding + "'");
            }
            this.preferredBinding = binding;
            return this;
        }

        /** Prefers this A2A version ({@code 1.0} or {@code 0.3}) when the card offers both; default 1.0. */
        public Builder preferVersion(String version) {
            if (version != null && !version.equals("1.0") && !version.equals("0.3")) {
                throw new IllegalArgumentException("version must be 1.0 or 0.3, got '" + version + "'");
            }
            this.preferredVersion = version;
            return this;
        }

        public A2aClientOptions build() {
            return new A2aClientOptions(this);
        }

        private static Duration positive(Duration timeout, String name) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + timeout);
            }
            return timeout;
        }
    }
}
