package org.prcybr.notionsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotionIdsTest {
    private static final Optional<String> ID = Optional.of("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    @ParameterizedTest
    @ValueSource(strings = {
        "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d",
        "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D",
        " 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d ",
        "https://www.notion.so/acme/Task-Backlog-1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d?v=00000000000000000000000000000000",
        "https://www.notion.so/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d",
        "https://acme.notion.site/Backlog-1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d",
    })
    void acceptsIdsAndNotionUrls(String text) {
        assertEquals(ID, NotionIds.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5", "not-an-id", "secret_abc",
        "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5dzz", "https://evil.example/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d",
        "1a2b3c4d-5e6f4a7b-8c9d-0e1f2a3b4c5d"})
    void rejectsEverythingElse(String text) {
        assertEquals(Optional.empty(), NotionIds.parse(text));
    }
}
