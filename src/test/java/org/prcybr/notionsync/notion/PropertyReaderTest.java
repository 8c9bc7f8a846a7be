package org.prcybr.notionsync.notion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.json.tree.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.notion.NotionModels.PropertySchema;

/** A value the writer writes reads back as the same value, from the body sent and from the page Notion returns. */
class PropertyReaderTest {
    private static final Map<String, PropertySchema> SCHEMA = Map.of(
            "Name", PropertySchema.ofType("Name", "title"),
            "Labels", PropertySchema.ofType("Labels", "multi_select"),
            "Milestone", PropertySchema.ofType("Milestone", "select"),
            "Number", PropertySchema.ofType("Number", "number"),
            "Closed", PropertySchema.ofType("Closed", "date"),
            "Owners", PropertySchema.ofType("Owners", "people"));

    @Test
    void whatTheWriterWritesReadsBackAsTheSameValue() {
        Map<String, Object> body = new PropertyWriter(SCHEMA, logins -> List.of("0f0e0d0c-0b0a-4909-8807-060504030201"))
                .title(java.util.Optional.empty(), "A title")
                .put("Labels", List.of("multi_select"), PropertyValue.names(List.of("bug", "ui")), false)
                .put("Milestone", List.of("select"), PropertyValue.text("v1.0"), false)
                .put("Number", List.of("number"), PropertyValue.number(7), false)
                .put("Closed", List.of("date"), PropertyValue.date("2026-11-30T10:00:00Z"), false)
                .put("Owners", List.of("people"), PropertyValue.names(List.of("octocat")), false)
                .build();
        assertEquals(new PropertyValue.Text("A title"), PropertyReader.read(JsonNode.from(body.get("Name"))));
        assertEquals(new PropertyValue.Names(List.of("bug", "ui")), PropertyReader.read(JsonNode.from(body.get("Labels"))));
        assertEquals(new PropertyValue.Text("v1.0"), PropertyReader.read(JsonNode.from(body.get("Milestone"))));
        assertEquals(new PropertyValue.Names(List.of("0f0e0d0c-0b0a-4909-8807-060504030201")),
                PropertyReader.read(JsonNode.from(body.get("Owners"))));
    }

    @Test
    void canonicalFormsIgnoreWhatNotionIgnores() {
        // Notion returns option colours and ids, date-times with millis and offsets, people without dashes.
        JsonNode sent = JsonNode.from(Map.of("multi_select", List.of(Map.of("name", "bug"), Map.of("name", "UI"))));
        JsonNode held = JsonNode.from(Map.of("type", "multi_select", "multi_select", List.of(
                Map.of("id", "x", "name", "ui", "color", "red"), Map.of("id", "y", "name", "Bug", "color", "blue"))));
        assertEquals(PropertyReader.canonical(sent), PropertyReader.canonical(held));
        assertEquals(PropertyReader.canonical(JsonNode.from(Map.of("date", Map.of("start", "2026-11-30T10:00:00Z")))),
                PropertyReader.canonical(JsonNode.from(Map.of("type", "date", "date",
                        Map.of("start", "2026-11-30T10:00:00.000+00:00")))));
        assertEquals(PropertyReader.canonical(JsonNode.from(Map.of("number", 3))),
                PropertyReader.canonical(JsonNode.from(Map.of("type", "number", "number", 3.0))));
        // Text keeps its case: a retitled issue is a change.
        assertNotEquals(PropertyReader.canonical(JsonNode.from(Map.of("title", List.of(Map.of("text", Map.of("content", "Bug")))))),
                PropertyReader.canonical(JsonNode.from(Map.of("title", List.of(Map.of("text", Map.of("content", "bug")))))));
        assertEquals("", PropertyReader.canonical(JsonNode.from(Map.of("type", "select", "select", Map.of()))));
    }
}
