package org.prcybr.notionsync.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback configured in code (found through the Configurator service): several times faster to
 * start than parsing logback.xml, and start-up is paid once per event.
 *
 * <p>Log lines go to stdout next to the workflow commands, so the stop-commands guard covers both,
 * and each message is escaped onto one line, so untrusted text can never start a line of its own.
 * Framework and HTTP client loggers stay at WARN at every level: request headers carry the token.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** System property set from RUNNER_DEBUG before the first logger is created. */
    public static final String LEVEL_PROPERTY = "notionsync.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        OneLineLayout layout = new OneLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("io.micronaut").setLevel(Level.WARN);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.prcybr.notionsync")
                .setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY, "INFO"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code LEVEL message}, the message escaped like a workflow command's data. */
    static final class OneLineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String level = event.getLevel().toString();
            return level + " ".repeat(Math.max(1, 6 - level.length()))
                    + WorkflowCommands.escapeData(event.getFormattedMessage()) + "\n";
        }
    }
}
