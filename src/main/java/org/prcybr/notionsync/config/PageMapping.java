package org.prcybr.notionsync.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prcybr.notionsync.mapping.Field;
import org.prcybr.notionsync.runner.Input;

/**
 * The user's own database vocabulary: property names ({@code property-names}), status options per
 * GitHub state ({@code status-map}), Notion people per GitHub login ({@code notion-user-map}) and the
 * status a mentioned task moves to per pull request state ({@code task-status-map}), and the fields
 * a Notion edit may change on GitHub ({@code pull-fields}), which every mode keeps in a page's Sync State.
 * Each input is one {@code key=value} per line; blank lines and lines starting with # are ignored.
 */
public record PageMapping(Map<String, String> propertyNames, Map<String, String> statusOptions,
                          Map<String, String> notionUsers, Map<String, String> taskStatus,
                          Set<PullField> pullFields) {
    public static final PageMapping DEFAULT = new PageMapping(Map.of(), Map.of(), Map.of(), Map.of(),
            Set.of(PullField.STATUS));
    /** The pull request states {@code task-status-map} may name, most specific first. */
    public static final List<String> TASK_STATES = List.of("merged", "closed", "draft", "open");
    /** The GitHub states {@code status-map} may name, most specific ones falling back to open or closed. */
    public static final List<String> STATES = List.of("open", "closed", "merged", "draft", "not_planned", "answered");

    /** The database's name for a property, given its default name (the title's default is "Name"). */
    public String propertyName(String defaultName) {
        return propertyNames.getOrDefault(defaultName.toLowerCase(Locale.ROOT), defaultName);
    }

    /** The status option for GitHub's states (most specific first), falling back to Open or Closed. */
    public String statusOption(List<String> states) {
        for (String s : states) {
            String option = statusOptions.get(s);
            if (option != null) {
                return option;
            }
        }
        return states.contains("closed") ? "Closed" : "Open";
    }

    /**
     * The GitHub state a status option stands for when read back from Notion: the first of open,
     * not_planned and closed mapped to it (open and closed also by their default options). Options
     * mapped only from merged, draft or answered stand for none: GitHub never takes those from Notion.
     */
    public Optional<String> stateOf(String option) {
        String wanted = option.strip();
        for (String state : List.of("open", "not_planned", "closed")) {
            String mapped = statusOptions.get(state);
            if (mapped == null && !state.equals("not_planned")) {
                mapped = state.equals("open") ? "Open" : "Closed";
            }
            if (mapped != null && mapped.equalsIgnoreCase(wanted)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** The GitHub login a Notion user id stands for in notion-user-map (ids compared without dashes). */
    public Optional<String> loginOf(String notionUserId) {
        return notionUsers.entrySet().stream().filter(e -> NotionIds.same(e.getValue(), notionUserId))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The Notion user id or email mapped to a GitHub login. */
    public Optional<String> notionUser(String login) {
        return Optional.ofNullable(notionUsers.get(login.toLowerCase(Locale.ROOT)));
    }

    /** The option a mentioned task moves to for GitHub's states (most specific first), if the map names one. */
    public Optional<String> taskStatusOption(List<String> states) {
        return states.stream().map(taskStatus::get).filter(o -> o != null).findFirst();
    }

    static PageMapping read(String propertyNames, String statusMap, String userMap, String taskStatusMap,
                            String pullFields) throws InputException {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        for (Line l : lines(Input.PROPERTY_NAMES, propertyNames)) {
            String key = l.key().toLowerCase(Locale.ROOT);
            if (!key.equals(Field.TITLE_NAME.toLowerCase(Locale.ROOT)) && Field.byName(l.key()).isEmpty()) {
                throw l.error("names no property this action writes: use one of Name, "
                        + String.join(", ", java.util.Arrays.stream(Field.values()).map(Field::defaultName).toList()));
            }
            if (!taken.add(l.value().toLowerCase(Locale.ROOT))) {
                throw l.error("gives a database property that another line already uses: give each its own");
            }
            names.put(key, l.value());
        }
        Map<String, String> status = optionsByState(Input.STATUS_MAP, statusMap, STATES, "GitHub state");
        Map<String, String> users = new LinkedHashMap<>();
        for (Line l : lines(Input.NOTION_USER_MAP, userMap)) {
            if (!isLogin(l.key())) {
                throw l.error("does not start with a GitHub login: write github-login=<Notion user id or email>");
            }
            Optional<String> id = NotionIds.parse(l.value());
            if (id.isEmpty() && !isEmail(l.value())) {
                throw l.error("maps to neither a Notion user id (32 hexadecimal characters) nor an email address");
            }
            users.put(l.key().toLowerCase(Locale.ROOT), id.orElse(l.value()));
        }
        Map<String, String> tasks = optionsByState(Input.TASK_STATUS_MAP, taskStatusMap, TASK_STATES,
                "pull request state");
        return new PageMapping(Map.copyOf(names), Map.copyOf(status), Map.copyOf(users), Map.copyOf(tasks),
                pullFields(pullFields));
    }

    /** pull-fields: names separated by commas, spaces or lines; empty means the default, status. */
    private static Set<PullField> pullFields(String raw) throws InputException {
        Set<PullField> fields = java.util.EnumSet.noneOf(PullField.class);
        for (String name : (raw == null ? "" : raw).split("[,\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            fields.add(PullField.byId(name).orElseThrow(() -> new InputException("The " + Input.PULL_FIELDS.id()
                    + " input names an unknown field (\"" + shorten(name) + "\"): use any of "
                    + String.join(", ", java.util.Arrays.stream(PullField.values()).map(PullField::id).toList()) + ".")));
        }
        return fields.isEmpty() ? Set.of(PullField.STATUS) : Set.copyOf(fields);
    }

    /** Lines of state=Option, each state one of {@code states}, each option a name Notion allows. */
    private static Map<String, String> optionsByState(Input input, String raw, List<String> states, String what)
            throws InputException {
        Map<String, String> options = new LinkedHashMap<>();
        for (Line l : lines(input, raw)) {
            String state = l.key().toLowerCase(Locale.ROOT);
            if (!states.contains(state)) {
                throw l.error("names no " + what + ": use one of " + String.join(", ", states));
            }
            if (l.value().contains(",")) {
                throw l.error("has a comma in the option name, which Notion does not allow: remove it");
            }
            options.put(state, l.value());
        }
        return options;
    }

    private record Line(Input input, int number, String text, String key, String value) {
        InputException error(String what) {
            return new InputException("Line " + number + " of the " + input.id() + " input (\"" + shorten(text)
                    + "\") " + what + ".");
        }
    }

    private static List<Line> lines(Input input, String raw) throws InputException {
        List<Line> out = new java.util.ArrayList<>();
        String[] rows = raw == null ? new String[0] : raw.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String text = rows[i].strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            String key = eq < 0 ? "" : text.substring(0, eq).strip();
            String value = eq < 0 ? "" : text.substring(eq + 1).strip();
            Line line = new Line(input, i + 1, text, key, value);
            if (key.isEmpty() || value.isEmpty()) {
                throw line.error("is not of the form key=value");
            }
            out.add(line);
        }
        return out;
    }

    private static boolean isLogin(String s) {
        if (s.isEmpty() || s.length() > 39 || s.startsWith("-")) {
            return false;
        }
        // GitHub logins: letters, digits and hyphens ("[bot]" accounts included).
        String core = s.endsWith("[bot]") ? s.substring(0, s.length() - 5) : s;
        return !core.isEmpty() && core.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'));
    }

    private static boolean isEmail(String s) {
        int at = s.indexOf('@');
        return at > 0 && at == s.lastIndexOf('@') && s.indexOf('.', at) > at + 1 && !s.endsWith(".")
                && s.chars().noneMatch(Character::isWhitespace);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
