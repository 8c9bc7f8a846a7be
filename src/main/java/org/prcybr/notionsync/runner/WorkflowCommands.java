package org.prcybr.notionsync.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

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
            stopToken = unguessableToken();
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

    /**
     * 128 random bits, so payload text cannot guess the token and resume commands. Read straight
     * from the kernel's CSPRNG: initialising SecureRandom's provider framework costs ~10 ms of
     * start-up; it remains the fallback where /dev/urandom is missing.
     */
    static String unguessableToken() {
        byte[] bytes = new byte[16];
        try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException("short read");
            }
        } catch (IOException | RuntimeException e) {
            new SecureRandom().nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
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
