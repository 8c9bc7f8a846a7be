package org.prcybr.notionsync.telemetry;

import jakarta.inject.Singleton;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.PropertyWriter;
import org.prcybr.notionsync.notion.PropertyWriter.Kind;
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
        var properties = new PropertyWriter(notion.dataSource(dataSourceId))
                .title(record.eventType() + " " + record.status())
                .optional("Event", Kind.SELECT, record.eventType())
                .optional("Status", Kind.STATUS, record.status())
                .optional("Latency (ms)", Kind.NUMBER, record.latencyMs())
                .optional("Timestamp", Kind.DATE, record.timestamp())
                .build();
        notion.createPage(dataSourceId, properties);
    }
}
