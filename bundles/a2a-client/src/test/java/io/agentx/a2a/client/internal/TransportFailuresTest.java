package io.agentx.a2a.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.client.A2aClientException.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.Result;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {
    private static final URI URL = URI.create("http://agent.example:9/a2a");

    @Test
    void aRefusedConnectionNeverReachedTheAgent() {
        A2aClientException error = TransportFailures.of("POST", URL, new ConnectException("Connection refused"));
        assertEquals(Failure.CONNECT, error.failure());
        assertFalse(error.mayHaveReachedAgent());
        assertEquals("POST http://agent.example:9/a2a: cannot connect (ConnectException: Connection refused); the request"
                + " never reached the agent, so it is safe to send it elsewhere", error.getMessage());
    }

    @Test
    void wrappedConnectFailuresAreFoundInTheCauseChain() {
        for (Throwable cause : new Throwable[] {new ExecutionException(new IOException("x", new ConnectException())),
                new CompletionException(new HttpConnectTimeoutException("HTTP connect timed out")),
                new IOException(new UnknownHostException("agent.example")),
                new SSLHandshakeException("PKIX path building failed")}) {
            A2aClientException error = TransportFailures.of("GET", URL, cause);
            assertEquals(Failure.CONNECT, error.failure(), cause.toString());
            assertFalse(error.mayHaveReachedAgent(), cause.toString());
        }
    }

    @Test
    void aTimeoutAfterSendingMayHaveReachedTheAgent() {
        A2aClientException error = TransportFailures.of("POST", URL, new HttpTimeoutException("request timed out"));
        assertEquals(Failure.TIMEOUT, error.failure());
        assertTrue(error.mayHaveReachedAgent());
        assertTrue(error.getMessage().endsWith("; the agent may have received the request"), error.getMessage());
    }

    @Test
    void aBrokenConnectionMayHaveReachedTheAgent() {
        A2aClientException error = TransportFailures.of("POST", URL, new IOException("Connection reset"));
        assertEquals(Failure.CONNECTION_LOST, error.failure());
        assertTrue(error.mayHaveReachedAgent());
    }

    @Test
    void aFailureBeforeTheWholeRequestWasWrittenNeverReachedTheAgentUnlessItIsATimeout() {
        IOException reset = new IOException("Connection reset by peer");
        A2aClientException error = TransportFailures.of("POST", URL, TransportFailures.failure(
                new Result(null, reset, null, reset)));
        assertEquals(Failure.NOT_SENT, error.failure());
        assertFalse(error.mayHaveReachedAgent());
        assertEquals("POST http://agent.example:9/a2a: the connection failed before the whole request was sent"
                + " (IOException: Connection reset by peer); the request never reached the agent, so it is safe to send"
                + " it elsewhere", error.getMessage());
        assertEquals(Failure.CONNECTION_LOST, TransportFailures.of("POST", URL, TransportFailures.failure(
                new Result(null, null, null, reset))).failure(), "the request was written whole");
        TimeoutException timeout = new TimeoutException("Total timeout 300 ms elapsed");
        assertEquals(Failure.TIMEOUT, TransportFailures.of("POST", URL, TransportFailures.failure(
                new Result(null, timeout, null, timeout))).failure());
    }

    @Test
    void anOversizedAnswerIsAnInvalidResponse() {
        assertEquals(Failure.INVALID_RESPONSE, TransportFailures.of("GET", URL, new BufferedResponse.TooLarge(1024)).failure());
    }

    @Test
    void anHttpErrorWithoutA2aBodyNamesStatusAndBody() {
        A2aClientException error = TransportFailures.httpStatus(new Reply("POST", URL, 502, "text/html; charset=utf-8",
                "<h1>Bad Gateway</h1>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Failure.HTTP_STATUS, error.failure());
        assertEquals(502, error.httpStatus());
        assertTrue(error.mayHaveReachedAgent());
        assertEquals("POST http://agent.example:9/a2a: the server answered HTTP 502 with text/html '<h1>Bad Gateway</h1>'"
                + " instead of an A2A answer", error.getMessage());
    }

    @Test
    void aRedirectIsExplained() {
        A2aClientException error = TransportFailures.httpStatus(new Reply("GET", URL, 301, "", new byte[0]));
        assertTrue(error.getMessage().contains("a redirect, which A2A clients do not follow"), error.getMessage());
    }
}
