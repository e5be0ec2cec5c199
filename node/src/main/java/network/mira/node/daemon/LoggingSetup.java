package network.mira.node.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log format and level once the configuration is known (logback has
 * already started with the text default by then, so it is reconfigured in place).
 */
final class LoggingSetup {
    private LoggingSetup() {}

    static void apply(String format, String level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        String resource = "json".equals(format) ? "/logback-json.xml" : "/logback.xml";
        URL url = LoggingSetup.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("logging configuration " + resource + " missing from the distribution");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging: " + e.getMessage(), e);
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
}
