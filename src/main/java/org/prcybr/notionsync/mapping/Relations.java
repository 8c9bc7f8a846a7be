package org.prcybr.notionsync.mapping;

import java.util.List;

/**
 * Which relation each kind of page holds, and the database its targets live in. GitHub is the
 * source: a sync writes the whole set of every relation property the page's database has.
 */
public final class Relations {
    /** Where a relation property must point. */
    public enum Target {
        /** The page's own data source (Parent, Sub-issues). */
        SAME_DATA_SOURCE,
        /** The database issues are written to. */
        ISSUES_DATABASE,
        /** The database pull requests are written to. */
        PULL_REQUESTS_DATABASE,
        /** Wherever the property points: targets elsewhere are left out (a project item's content). */
        ANY,
        /** The task-ID database (task-id-database), whose pages are found by their unique ID, not by External ID. */
        TASK_DATABASE
    }

    private Relations() {
    }

    /** The relation fields pages of this kind hold. */
    public static List<Field> of(Category category) {
        return switch (category) {
            case ISSUE -> List.of(Field.PARENT, Field.SUB_ISSUES, Field.PULL_REQUESTS, Field.TASKS);
            case PULL_REQUEST -> List.of(Field.ISSUES, Field.TASKS);
            case PROJECT_BOARD -> List.of(Field.CONTENT);
            default -> List.of();
        };
    }

    public static Target target(Field relation) {
        return switch (relation) {
            case PARENT, SUB_ISSUES -> Target.SAME_DATA_SOURCE;
            case PULL_REQUESTS -> Target.PULL_REQUESTS_DATABASE;
            case ISSUES -> Target.ISSUES_DATABASE;
            case TASKS -> Target.TASK_DATABASE;
            default -> Target.ANY;
        };
    }
}
