package io.agentx.kernel;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards every OSGi Log Service entry (SCR, FileInstall, Config Admin, bundles) to the process's slf4j backend. */
final class LogServiceBridge extends ServiceTracker<LogReaderService, LogReaderService> implements LogListener {

    LogServiceBridge(BundleContext context) {
        super(context, LogReaderService.class, null);
    }

    @Override
    public LogReaderService addingService(ServiceReference<LogReaderService> reference) {
        LogReaderService reader = super.addingService(reference);
        if (reader != null) {
            reader.addLogListener(this);
        }
        return reader;
    }

    @Override
    public void removedService(ServiceReference<LogReaderService> reference, LogReaderService reader) {
        reader.removeLogListener(this);
        super.removedService(reference, reader);
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getLoggerName();
        if (name != null && name.startsWith("Events.")) {
            // the Log Service's record of every bundle and service event: only for debugging
            Logger events = LoggerFactory.getLogger("osgi.events");
            if (events.isDebugEnabled()) {
                events.debug("{} [{}]", entry.getMessage(), loggerName(entry));
            }
            return;
        }
        Logger logger = LoggerFactory.getLogger(loggerName(entry));
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            case DEBUG -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }

    private static String loggerName(LogEntry entry) {
        String name = entry.getLoggerName();
        if (name != null && !name.isEmpty() && !name.startsWith("LogService") && !name.startsWith("Events.")) {
            return name;
        }
        Bundle bundle = entry.getBundle();
        String symbolicName = bundle == null ? null : bundle.getSymbolicName();
        return symbolicName == null ? "osgi" : symbolicName;
    }
}
