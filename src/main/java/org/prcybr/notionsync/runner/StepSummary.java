package org.prcybr.notionsync.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The job summary ({@code GITHUB_STEP_SUMMARY}): a heading, a two-column table and an optional
 * note. Cells are escaped here, so callers pass raw text.
 */
public final class StepSummary {
    /** GitHub refuses step summaries over 1 MiB. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String heading;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    public StepSummary(String heading) {
        this.heading = heading;
    }

    /** A row; rows without a value are left out, so an early error shows a short table. */
    public StepSummary row(String field, String text) {
        if (text != null && !text.isEmpty()) {
            rows.add(new String[] {Markdown.cell(field), Markdown.cell(text)});
        }
        return this;
    }

    public StepSummary linkRow(String field, String text, String url) {
        if (text != null && !text.isEmpty()) {
            rows.add(new String[] {Markdown.cell(field), Markdown.link(text, url)});
        }
        return this;
    }

    public StepSummary note(String text) {
        notes.add(Markdown.cell(text));
        return this;
    }

    /** A table of its own under the main one; every cell is escaped. */
    public StepSummary table(String title, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("\n#### ").append(Markdown.cell(title)).append("\n\n|");
        header.forEach(h -> sb.append(' ').append(Markdown.cell(h)).append(" |"));
        sb.append("\n|").append(" --- |".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            sb.append('|');
            r.forEach(c -> sb.append(' ').append(Markdown.cell(c)).append(" |"));
            sb.append('\n');
        }
        sections.add(sb.toString());
        return this;
    }

    /** A table cell: text, linked where {@code url} is a safe link (else shown as text). */
    public record Cell(String text, String url) {
        public static Cell text(String text) {
            return new Cell(text, "");
        }
    }

    /** A table of its own whose cells may link (to a GitHub object, to a Notion page); every text is escaped. */
    public StepSummary linkedTable(String title, List<String> header, List<List<Cell>> rows) {
        StringBuilder sb = new StringBuilder("\n#### ").append(Markdown.cell(title)).append("\n\n|");
        header.forEach(h -> sb.append(' ').append(Markdown.cell(h)).append(" |"));
        sb.append("\n|").append(" --- |".repeat(header.size())).append('\n');
        for (List<Cell> r : rows) {
            sb.append('|');
            r.forEach(c -> sb.append(' ').append(c.url().isEmpty() ? Markdown.cell(c.text())
                    : Markdown.link(c.text(), c.url())).append(" |"));
            sb.append('\n');
        }
        sections.add(sb.toString());
        return this;
    }

    /** A shell block to copy; lines are the action's own text (names and validated IDs), never payload text. */
    public StepSummary shell(String title, List<String> lines) {
        StringBuilder sb = new StringBuilder("\n#### ").append(Markdown.cell(title)).append("\n\n```sh\n");
        lines.forEach(l -> sb.append(l.replace("`", "")).append('\n'));
        sections.add(sb.append("```\n").toString());
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(Markdown.cell(heading)).append("\n\n");
        sb.append("| Field | Value |\n| --- | --- |\n");
        for (String[] r : rows) {
            sb.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n");
        }
        for (String n : notes) {
            sb.append("\n> ").append(n).append('\n');
        }
        sections.forEach(sb::append);
        return sb.append('\n').toString();
    }

    /** Appends to the summary file, cutting what would not fit in GitHub's 1 MiB. */
    public void appendTo(Path file) throws IOException {
        long existing = Files.exists(file) ? Files.size(file) : 0;
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        long room = MAX_BYTES - existing;
        if (room <= 0) {
            return;
        }
        if (bytes.length > room) {
            String cut = new String(bytes, 0, (int) room, StandardCharsets.UTF_8);
            int lastLine = cut.lastIndexOf('\n');
            bytes = (lastLine > 0 ? cut.substring(0, lastLine + 1) : "").getBytes(StandardCharsets.UTF_8);
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
