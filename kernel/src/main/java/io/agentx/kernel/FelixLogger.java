package io.agentx.kernel;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the Felix framework's own messages to the process's slf4j backend. */
final class FelixLogger extends org.apache.felix.framework.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String message = bundle == null ? msg : msg + " [" + bundle.getSymbolicName() + "]";
        doLog(level, message, throwable);
    }

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        switch (level) {
            case LOG_ERROR -> LOG.error(msg, throwable);
            case LOG_WARNING -> LOG.warn(msg, throwable);
            case LOG_INFO -> LOG.info(msg, throwable);
            default -> LOG.debug(msg, throwable);
        }
    }
}
