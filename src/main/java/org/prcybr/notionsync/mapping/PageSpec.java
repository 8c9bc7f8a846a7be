package org.prcybr.notionsync.mapping;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one GitHub event means for Notion, before any schema is known: a title, typed property
 * values, and optional content. The database's schema later decides which values are written.
 *
 * @param eventType     {@code issues.opened} style name used in telemetry
 * @param title         the object's title, untrusted text
 * @param externalId    the GraphQL node id (or run-derived id) that identifies the page
 * @param values        property values by {@link Field}; {@link PropertyValue#CLEARED} clears one
 * @param fieldValues   Projects v2 field values, written to properties of the same name
 * @param states        GitHub states, most specific first ({@code merged, closed}); {@code status-map} picks the option
 * @param body          the GitHub-flavoured markdown body, when the object has one
 * @param replaceBody   the event changed the body, so existing content is replaced
 * @param trash         the object was deleted on GitHub
 * @param contentNodeId for Projects v2 items, the node whose details a GitHub token can read
 * @param updatedAt     the object's {@code updated_at}, compared with the page's Updated to skip stale deliveries
 * @param repositoryUrl relative links in the body resolve against it
 */
public record PageSpec(String eventType, Category category, String title, String externalId,
                       Map<Field, PropertyValue> values, Map<String, FieldValue> fieldValues, List<String> states,
                       Optional<String> body, boolean replaceBody, boolean trash,
                       Optional<String> contentNodeId, Optional<String> updatedAt, String repositoryUrl) {

    public String sourceUrl() {
        PropertyValue url = values.get(Field.SOURCE_URL);
        return url == null ? "" : url.display();
    }

    /** The open/closed state every state falls back to. */
    public boolean open() {
        return states.contains("open") || !states.contains("closed");
    }

    /** This page with more values (relations read from GitHub): the new ones win. */
    public PageSpec withValues(Map<Field, PropertyValue> more) {
        Map<Field, PropertyValue> merged = new EnumMap<>(Field.class);
        merged.putAll(values);
        merged.putAll(more);
        return new PageSpec(eventType, category, title, externalId, merged, fieldValues, states, body, replaceBody,
                trash, contentNodeId, updatedAt, repositoryUrl);
    }

    /**
     * This page with more Projects v2 field values (the new ones win) and the time GitHub last
     * changed the object: a pull reads both for an item, whose own fields may change after its content.
     */
    public PageSpec withFields(Map<String, FieldValue> more, Optional<String> updated) {
        Map<String, FieldValue> merged = new LinkedHashMap<>(fieldValues);
        merged.putAll(more);
        return new PageSpec(eventType, category, title, externalId, values, merged, states, body, replaceBody, trash,
                contentNodeId, updated, repositoryUrl);
    }

    /** This page with the details read for a Projects v2 item's content: the content's details win. */
    public PageSpec withContent(GitHubDetails content) {
        Map<Field, PropertyValue> merged = new EnumMap<>(Field.class);
        merged.putAll(values);
        merged.putAll(content.values());
        if (!content.url().isEmpty()) {
            merged.put(Field.SOURCE_URL, PropertyValue.text(content.url()));
        }
        // An archived item stays closed whatever its content's state.
        List<String> newStates = open() ? content.states() : states;
        Optional<String> updated = content.values().get(Field.UPDATED) instanceof PropertyValue.Date d
                ? Optional.of(d.iso()) : updatedAt;
        return new PageSpec(eventType, category, content.title().isBlank() ? title : content.title(), externalId,
                merged, new LinkedHashMap<String, FieldValue>(content.fieldValues()), newStates, content.body(), false, trash,
                contentNodeId, updated, content.repositoryUrl().isEmpty() ? repositoryUrl : content.repositoryUrl());
    }
}
