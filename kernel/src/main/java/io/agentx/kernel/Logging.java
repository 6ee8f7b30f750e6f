package io.agentx.kernel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The one logging backend of the process: Logback, writing to the console and to {@code logs/agentx.log}
 * (rolled at 10 MB, five files kept). Felix, the OSGi Log Service, Jetty (slf4j) and java.util.logging all
 * end up here. An operator who sets {@code -Dlogback.configurationFile} keeps full control instead.
 */
final class Logging {
    /** Lines for the operator's eyes (the ready line): plain on the console, timestamped in the file. */
    static final String OPERATOR_LOGGER = "agentx";

    private static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n%ex";
    /** The console shows messages only; stack traces go to the file. */
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n%nopex";

    private Logging() {
    }

    static void configure(Path logs, String level) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("AGENTX_LOGS", logs.toString());

        Appender<ILoggingEvent> file = rollingFile(context, logs);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(console(context, CONSOLE_PATTERN));
        root.addAppender(file);

        Logger operator = context.getLogger(OPERATOR_LOGGER);
        operator.setAdditive(false);
        operator.setLevel(Level.INFO);
        operator.addAppender(console(context, "%msg%n%nopex"));
        operator.addAppender(file);

        // Jetty's and Felix HTTP's INFO chatter is not what an operator needs on every start.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        // java.util.logging forwards through slf4j; keep the bridge cheap.
        context.addListener(new ch.qos.logback.classic.jul.LevelChangePropagator());
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, String pattern) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console-" + pattern.length());
        console.setEncoder(encoder(context, pattern));
        console.start();
        return console;
    }

    private static Appender<ILoggingEvent> rollingFile(LoggerContext context, Path logs) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(logs.resolve("agentx.log").toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logs.resolve("agentx.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();

        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
