package org.prcybr.notionsync.runner;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback converter that keeps each message on one line, escaped like a workflow command's data. */
public final class OneLineMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return WorkflowCommands.escapeData(event.getFormattedMessage());
    }
}
