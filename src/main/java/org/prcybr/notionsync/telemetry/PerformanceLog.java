package org.prcybr.notionsync.telemetry;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.mapping.PropertyValue;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.sync.PageUpsert;

/**
 * Forwards a run's metrics as one page to the performance-log database. Properties other than the
 * title are written only where that database has them.
 */
@Singleton
public class PerformanceLog {
    private final NotionClient notion;
    private final PageUpsert pages;

    public PerformanceLog(NotionClient notion, PageUpsert pages) {
        this.notion = notion;
        this.pages = pages;
    }

    public void forward(String databaseId, MetricsRecord record) {
        String dataSourceId = pages.dataSourceOf(databaseId);
        var properties = new PropertyWriter(notion.schema(dataSourceId), logins -> List.of())
                .title(Optional.empty(), record.eventType() + " " + record.status())
                .put("Event", List.of("select", "rich_text"), PropertyValue.text(record.eventType()), false)
                .put("Status", List.of("select", "status", "rich_text"), PropertyValue.text(record.status()), false)
                .put("Latency (ms)", List.of("number"), PropertyValue.number(record.latencyMs()), false)
                .put("Timestamp", List.of("date"), PropertyValue.date(record.timestamp()), false)
                .build();
        notion.createPage(dataSourceId, properties, "");
    }
}
