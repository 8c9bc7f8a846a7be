package org.prcybr.notionsync.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code sync_metrics.jsonl} (the spec's performance_logger record).
 *
 * @param metadata database_id, page_id and error, each only where known
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record MetricsRecord(String timestamp, String eventType, String status, long latencyMs,
                            // Always written, even empty: readers of the JSONL expect the key on every line.
                            @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> metadata) {

    public static MetricsRecord of(String eventType, String status, long latencyMs, String databaseId,
                                   String pageId, String error) {
        Map<String, String> metadata = new LinkedHashMap<>();
        putIfKnown(metadata, "database_id", databaseId);
        putIfKnown(metadata, "page_id", pageId);
        putIfKnown(metadata, "error", error);
        return new MetricsRecord(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), eventType, status,
                latencyMs, metadata);
    }

    private static void putIfKnown(Map<String, String> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
