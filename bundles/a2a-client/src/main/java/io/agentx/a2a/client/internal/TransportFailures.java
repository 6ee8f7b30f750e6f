package io.agentx.a2a.client.internal;

import io.agentx.a2a.client.A2aClientException;
import io.agentx.a2a.client.A2aClientException.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.client.Result;

/** Turns what can go wrong on the way to an agent into {@link A2aClientException}s that say where it went wrong. */
final class TransportFailures {
    private static final String NOT_SENT = "; the request never reached the agent, so it is safe to send it elsewhere";
    private static final String MAYBE_SENT = "; the agent may have received the request";

    private TransportFailures() {
    }

    /** A failure that came before the whole request was written, so no server can have read it. */
    static final class RequestNotSent extends IOException {
        private static final long serialVersionUID = 1L;

        RequestNotSent(Throwable cause) {
            super("the connection failed before the whole request was sent", cause);
        }
    }

    /**
     * The failure of a finished exchange. Jetty fails the request as well only while its last byte is not yet
     * written; the server then cannot have read a complete request, which is marked as {@link RequestNotSent}.
     * Timeouts and an oversized answer keep their own meaning.
     */
    static Throwable failure(Result result) {
        Throwable request = result.getRequestFailure();
        return request == null || request instanceof TimeoutException || request instanceof BufferedResponse.TooLarge
                ? result.getFailure() : new RequestNotSent(request);
    }

    /** A failure of the HTTP client while sending or receiving. */
    static A2aClientException of(String method, URI uri, Throwable error) {
        Throwable cause = unwrap(error);
        String call = method + " " + uri;
        if (neverSent(cause)) {
            return new A2aClientException(Failure.CONNECT, uri, 0, call + ": cannot connect (" + describe(cause) + ")"
                    + NOT_SENT, cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new A2aClientException(Failure.TIMEOUT, uri, 0, call + ": no answer in time (" + describe(cause) + ")"
                    + MAYBE_SENT, cause);
        }
        BufferedResponse.TooLarge tooLarge = find(cause, BufferedResponse.TooLarge.class);
        if (tooLarge != null) { // the blocking send rethrows it wrapped in an IOException of its own
            return new A2aClientException(Failure.INVALID_RESPONSE, uri, 0, call + ": " + tooLarge.getMessage(), tooLarge);
        }
        RequestNotSent notSent = find(cause, RequestNotSent.class);
        if (notSent != null) {
            return new A2aClientException(Failure.NOT_SENT, uri, 0, call + ": the connection failed before the whole"
                    + " request was sent (" + describe(notSent.getCause()) + ")" + NOT_SENT, notSent.getCause());
        }
        return new A2aClientException(Failure.CONNECTION_LOST, uri, 0, call + ": the connection failed ("
                + describe(cause) + ")" + MAYBE_SENT, cause);
    }

    /** The whole answer did not arrive within the request timeout. */
    static A2aClientException timeout(String method, URI uri, Duration timeout) {
        return new A2aClientException(Failure.TIMEOUT, uri, 0, method + " " + uri + ": no answer within " + timeout
                + " (requestTimeout)" + MAYBE_SENT, null);
    }

    /** A stream was silent for longer than the stream read timeout. */
    static A2aClientException silent(String method, URI uri, Duration timeout) {
        return new A2aClientException(Failure.TIMEOUT, uri, 0, method + " " + uri + ": the stream sent nothing for "
                + timeout + " (streamReadTimeout) and was closed", null);
    }

    /** The calling thread was interrupted while it waited. */
    static A2aClientException interrupted(String method, URI uri) {
        return new A2aClientException(Failure.ABORTED, uri, 0, method + " " + uri + ": interrupted while waiting for the agent"
                + MAYBE_SENT, null);
    }

    /** An HTTP answer that carries no A2A error. */
    static A2aClientException httpStatus(Reply reply) {
        String message = reply.method() + " " + reply.uri() + ": the server answered HTTP " + reply.status();
        if (reply.status() >= 300 && reply.status() < 400) {
            message += " (a redirect, which A2A clients do not follow; use the URL the agent card names)";
        }
        return new A2aClientException(Failure.HTTP_STATUS, reply.uri(), reply.status(), message + " with "
                + mediaType(reply) + reply.excerpt() + " instead of an A2A answer", null);
    }

    /** An answer that is not what the protocol expects. */
    static A2aClientException invalid(Reply reply, String problem) {
        return invalid(reply.method(), reply.uri(), reply.status(), problem);
    }

    static A2aClientException invalid(String method, URI uri, int status, String problem) {
        return new A2aClientException(Failure.INVALID_RESPONSE, uri, status, method + " " + uri
                + ": the agent's answer is not valid A2A: " + problem, null);
    }

    private static boolean neverSent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                    || cause instanceof NoRouteToHostException || cause instanceof SSLHandshakeException
                    || isConnectTimeout(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Jetty reports a connect timeout as a {@link java.net.SocketTimeoutException} saying so. */
    private static boolean isConnectTimeout(Throwable cause) {
        return cause instanceof java.net.SocketTimeoutException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static String mediaType(Reply reply) {
        return reply.contentType().isEmpty() ? "" : reply.contentType().split(";")[0].trim() + " ";
    }
}
