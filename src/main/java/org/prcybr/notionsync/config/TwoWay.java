package org.prcybr.notionsync.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The two-way settings of {@code mode: pull}: which fields may change GitHub, how far back edits
 * are looked for, whether new pages become issues, and which repositories' objects may change.
 *
 * @param repositories {@code owner/name}, lower-cased: the run's own repository first
 */
public record TwoWay(Set<PullField> fields, Duration since, boolean createIssues, List<String> repositories) {
    public boolean pulls(PullField field) {
        return fields.contains(field);
    }
}
