package org.prcybr.notionsync.runner;

import java.io.PrintStream;
import java.util.UUID;

/**
 * Workflow commands on stdout (actions/toolkit {@code command.ts}): annotations, masks and the
 * stop-commands guard. Every value is escaped the way the toolkit does, so a message can never
 * spill onto a second line and start a command of its own.
 */
public final class WorkflowCommands {
    private final PrintStream out;
    private String stopToken;

    public WorkflowCommands(PrintStream out) {
        this.out = out;
    }

    /** Hides a secret in every later log line. Must come before anything that could echo it. */
    public void addMask(String secret) {
        if (secret != null && !secret.isBlank()) {
            issue("add-mask", escapeData(secret));
        }
    }

    public void error(String message) {
        issue("error", escapeData(message));
    }

    public void warning(String message) {
        issue("warning", escapeData(message));
    }

    /**
     * Turns command processing off until {@link #resumeCommands()}: whatever is logged in between
     * (which may quote untrusted payload text) is shown but never executed by the runner.
     */
    public void stopCommands() {
        if (stopToken == null) {
            stopToken = UUID.randomUUID().toString();
            issue("stop-commands", stopToken);
        }
    }

    public void resumeCommands() {
        if (stopToken != null) {
            out.println("::" + stopToken + "::");
            out.flush();
            stopToken = null;
        }
    }

    private void issue(String command, String escapedData) {
        out.println("::" + command + "::" + escapedData);
        out.flush();
    }

    /** toolkit escapeData: % first, then CR and LF. */
    public static String escapeData(String s) {
        return s == null ? "" : s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }
}
