package org.prcybr.notionsync.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.Page;

/**
 * GitHub node IDs to the Notion pages that hold them, per data source. Unknown IDs are resolved
 * in batches (one query per 100, an {@code or} of External ID filters); a data source read in full
 * (a backfill's) answers from memory. A node without a page is simply absent: it has not synced yet.
 */
public final class ExternalIdIndex {
    private final NotionClient notion;
    private final String externalIdProperty;
    private final Map<String, Map<String, String>> pageByNode = new HashMap<>();
    private final Map<String, Set<String>> looked = new HashMap<>();
    private final Set<String> complete = new HashSet<>();

    public ExternalIdIndex(NotionClient notion, String externalIdProperty) {
        this.notion = notion;
        this.externalIdProperty = externalIdProperty;
    }

    /** The data source's pages, all of them: later lookups there need no request. */
    public void loadAll(String dataSourceId, Map<String, String> pageIdByNode) {
        pageByNode.computeIfAbsent(dataSourceId, k -> new HashMap<>()).putAll(pageIdByNode);
        complete.add(dataSourceId);
    }

    /** A page written by this run. */
    public void add(String dataSourceId, String nodeId, String pageId) {
        pageByNode.computeIfAbsent(dataSourceId, k -> new HashMap<>()).put(nodeId, pageId);
    }

    /** Page IDs of the nodes that have one in the data source, in the nodes' order. */
    public List<String> pages(String dataSourceId, Collection<String> nodeIds) {
        resolve(dataSourceId, nodeIds);
        Map<String, String> known = pageByNode.getOrDefault(dataSourceId, Map.of());
        return nodeIds.stream().map(known::get).filter(p -> p != null).distinct().toList();
    }

    /** Looks up, in batches, the nodes of this data source not known or looked up before. */
    public void resolve(String dataSourceId, Collection<String> nodeIds) {
        if (complete.contains(dataSourceId)) {
            return;
        }
        Map<String, String> known = pageByNode.computeIfAbsent(dataSourceId, k -> new HashMap<>());
        Set<String> asked = looked.computeIfAbsent(dataSourceId, k -> new HashSet<>());
        Set<String> unknown = new LinkedHashSet<>();
        for (String id : nodeIds) {
            if (!known.containsKey(id) && !asked.contains(id)) {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        asked.addAll(unknown);
        // Several live pages for one node (a race) resolve to the one that survives convergence.
        Map<String, Page> survivors = new HashMap<>();
        for (Page page : notion.findByAnyText(dataSourceId, externalIdProperty, unknown)) {
            String node = externalIdOf(page, externalIdProperty);
            if (unknown.contains(node)) {
                survivors.merge(node, page, (a, b) -> Convergence.survivor(List.of(a, b)));
            }
        }
        survivors.forEach((node, page) -> known.put(node, page.id()));
    }

    /** The External ID a page holds, as plain text. */
    public static String externalIdOf(Page page, String property) {
        var parts = page.property(property).map(e -> e.getValue().get("rich_text")).orElse(null);
        StringBuilder sb = new StringBuilder();
        if (parts != null && parts.isArray()) {
            for (var part : parts.values()) {
                var plain = part.get("plain_text");
                var text = part.get("text");
                if (plain != null && plain.isString()) {
                    sb.append(plain.getStringValue());
                } else if (text != null && text.get("content") != null) {
                    sb.append(text.get("content").getStringValue());
                }
            }
        }
        return sb.toString();
    }
}
