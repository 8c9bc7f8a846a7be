package org.prcybr.notionsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.runner.Input;

/** action.yml and the code agree on every input, default and output. */
class ActionYmlTest {
    private final JsonNode action = read();

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(Path.of("action.yml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void declaresExactlyTheInputsTheCodeReadsWithTheSameDefaults() {
        List<String> declared = new ArrayList<>();
        action.get("inputs").fieldNames().forEachRemaining(declared::add);
        assertEquals(Arrays.stream(Input.values()).map(Input::id).toList(), declared);
        for (Input input : Input.values()) {
            JsonNode node = action.get("inputs").get(input.id());
            assertFalse(node.get("description").asText().isBlank(), input.id());
            if (input == Input.NOTION_TOKEN) {
                assertTrue(node.get("required").asBoolean());
            } else {
                assertEquals(input.defaultValue(), node.get("default").asText(), input.id());
            }
        }
    }

    @Test
    void declaresEveryOutputWithADescription() {
        List<String> declared = new ArrayList<>();
        action.get("outputs").fieldNames().forEachRemaining(declared::add);
        List<String> expected = new ArrayList<>(List.of("status", "latency-ms", "operation", "page-id", "page-url",
                "database-id", "category", "external-id", "retries", "created", "updated", "unchanged", "failed", "pushed",
                "pulled-back", "conflicts", "comments-posted"));
        for (org.prcybr.notionsync.setup.DatabaseRole role : org.prcybr.notionsync.setup.DatabaseRole.values()) {
            expected.add(role.output());
        }
        assertEquals(expected, declared);
        declared.forEach(o -> assertFalse(action.get("outputs").get(o).get("description").asText().isBlank()));
    }

    @Test
    void isADockerActionWithMarketplaceBranding() {
        assertEquals("docker", action.get("runs").get("using").asText());
        assertFalse(action.get("name").asText().isBlank());
        assertFalse(action.get("description").asText().contains("\n"));
        assertFalse(action.get("branding").get("icon").asText().isBlank());
        assertFalse(action.get("branding").get("color").asText().isBlank());
    }
}
