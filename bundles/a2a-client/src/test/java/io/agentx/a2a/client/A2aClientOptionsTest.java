package io.agentx.a2a.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class A2aClientOptionsTest {
    @Test
    void credentialsBecomeHeadersAndTheLastValueOfAHeaderWins() {
        A2aClientOptions options = A2aClientOptions.builder().apiKey("X-API-Key", "k1").bearerToken("t1")
                .header("x-api-key", "k2").build();
        assertEquals(Map.of("Authorization", "Bearer t1", "x-api-key", "k2"), options.headers());
        assertEquals(options.headers(), options.toBuilder().build().headers());
    }

    @Test
    void headersTheClientSetsOrTheJdkForbidsAreRefused() {
        A2aClientOptions.Builder builder = A2aClientOptions.builder();
        assertEquals("header a2a-version is set by the client itself",
                assertThrows(IllegalArgumentException.class, () -> builder.header("a2a-version", "2.0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.header("Host", "elsewhere"));
        assertThrows(IllegalArgumentException.class, () -> builder.header("X-Bad", "line\nbreak"));
    }

    @Test
    void timeoutsMustBePositiveAndPreferencesKnown() {
        A2aClientOptions.Builder builder = A2aClientOptions.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.streamReadTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.preferBinding("GRPC"));
        assertThrows(IllegalArgumentException.class, () -> builder.preferVersion("2.0"));
        assertEquals(Duration.ofSeconds(10), A2aClientOptions.defaults().connectTimeout());
    }
}
