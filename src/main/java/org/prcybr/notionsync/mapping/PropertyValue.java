package org.prcybr.notionsync.mapping;

import java.util.List;

/**
 * A value as GitHub gives it, before any schema is known. The database's schema later decides its
 * Notion shape (an option may land in a select or a text property, logins in people or options),
 * so a value says what it is, not how it is written.
 */
public sealed interface PropertyValue {
    PropertyValue CLEARED = new Cleared();

    /** A string: a name, an option, a URL, a branch. */
    record Text(String text) implements PropertyValue {
    }

    /** Several names: labels, logins, reviewers. */
    record Names(List<String> names) implements PropertyValue {
        public Names {
            names = List.copyOf(names);
        }
    }

    /** An ISO-8601 date or date-time. */
    record Date(String iso) implements PropertyValue {
    }

    record Numeric(Number number) implements PropertyValue {
    }

    record Flag(boolean value) implements PropertyValue {
    }

    /** Other GitHub objects, by node ID: written as the pages that hold them, where those exist. */
    record Relation(List<String> nodeIds) implements PropertyValue {
        public Relation {
            nodeIds = List.copyOf(nodeIds);
        }
    }

    /** Notion pages already known by their IDs (the tasks an object mentions). */
    record Pages(List<String> pageIds) implements PropertyValue {
        public Pages {
            pageIds = List.copyOf(pageIds);
        }
    }

    /** No value: the property is cleared. */
    record Cleared() implements PropertyValue {
    }

    static PropertyValue text(String s) {
        return s == null || s.isEmpty() ? CLEARED : new Text(s);
    }

    static PropertyValue names(List<String> names) {
        return new Names(names);
    }

    static PropertyValue date(String iso) {
        return iso == null || iso.isEmpty() ? CLEARED : new Date(iso);
    }

    static PropertyValue number(Number n) {
        return n == null ? CLEARED : new Numeric(n);
    }

    static PropertyValue flag(boolean value) {
        return new Flag(value);
    }

    static PropertyValue relation(List<String> nodeIds) {
        return new Relation(nodeIds);
    }

    /** The value as one line of text, "" when there is none (names joined by commas). */
    default String display() {
        if (this instanceof Text t) {
            return t.text();
        } else if (this instanceof Names n) {
            return String.join(", ", n.names());
        } else if (this instanceof Date d) {
            return d.iso();
        } else if (this instanceof Numeric n) {
            return String.valueOf(n.number());
        } else if (this instanceof Flag f) {
            return Boolean.toString(f.value());
        } else if (this instanceof Relation r) {
            return String.join(", ", r.nodeIds());
        } else if (this instanceof Pages p) {
            return String.join(", ", p.pageIds());
        }
        return "";
    }

    /** The value as a list of names: one for a single value, none when cleared. */
    default List<String> asList() {
        if (this instanceof Names n) {
            return n.names();
        } else if (this instanceof Relation r) {
            return r.nodeIds();
        }
        return display().isEmpty() ? List.of() : List.of(display());
    }
}
