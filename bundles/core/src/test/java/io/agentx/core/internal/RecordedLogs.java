package io.agentx.core.internal;

import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the unit tests: keeps the last info, warning and error lines (as "LEVEL logger: message")
 * so that a test can check what an operator would read in the log. Found by SLF4J through META-INF/services.
 */
public final class RecordedLogs implements SLF4JServiceProvider {
    private static final BlockingDeque<String> LINES = new LinkedBlockingDeque<>(10_000);

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Waits up to the timeout for a recorded line that matches; null if none came. */
    static String await(Predicate<String> matching, long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        do {
            for (String line : List.copyOf(LINES)) {
                if (matching.test(line)) {
                    return line;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        return null;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return Recording::new;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class Recording extends LegacyAbstractLogger {
        Recording(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            String line = level + " " + name + ": " + MessageFormatter.basicArrayFormat(pattern, arguments);
            while (!LINES.offerLast(line)) {
                LINES.pollFirst();
            }
        }
    }
}
