package org.prcybr.notionsync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.prcybr.notionsync.config.NotionIds;
import org.prcybr.notionsync.config.PageMapping;
import org.prcybr.notionsync.notion.NotionClient;
import org.prcybr.notionsync.notion.NotionModels.User;

/**
 * GitHub logins to Notion user ids through {@code notion-user-map}. A mapped email costs one
 * paginated {@code GET /v1/users}, made once and only when an email is actually needed.
 */
final class NotionPeople implements Function<List<String>, List<String>> {
    private final PageMapping mapping;
    private final NotionClient notion;
    private Map<String, String> idsByEmail;

    NotionPeople(PageMapping mapping, NotionClient notion) {
        this.mapping = mapping;
        this.notion = notion;
    }

    @Override
    public List<String> apply(List<String> logins) {
        List<String> ids = new ArrayList<>();
        for (String login : logins) {
            Optional<String> target = mapping.notionUser(login);
            if (target.isEmpty()) {
                continue;
            }
            String t = target.get();
            String id = t.contains("@") ? byEmail().get(t.toLowerCase(Locale.ROOT)) : t;
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The GitHub login notion-user-map gives a Notion user (mapped by id or by email), if any. */
    Optional<String> loginOf(String notionUserId) {
        Optional<String> byId = mapping.loginOf(notionUserId);
        if (byId.isPresent() || mapping.notionUsers().values().stream().noneMatch(v -> v.contains("@"))) {
            return byId;
        }
        return byEmail().entrySet().stream().filter(e -> NotionIds.same(e.getValue(), notionUserId))
                .findFirst().flatMap(e -> mapping.loginOf(e.getKey()));
    }

    private Map<String, String> byEmail() {
        if (idsByEmail == null) {
            idsByEmail = new HashMap<>();
            for (User u : notion.users()) {
                if (u.person() != null && u.person().email() != null) {
                    idsByEmail.put(u.person().email().toLowerCase(Locale.ROOT), u.id());
                }
            }
        }
        return idsByEmail;
    }
}
