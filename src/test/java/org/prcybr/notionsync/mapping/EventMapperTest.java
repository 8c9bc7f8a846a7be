package org.prcybr.notionsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prcybr.notionsync.config.InputException;
import org.prcybr.notionsync.config.SyncSettings.GitHubRun;

/** Mapping is pure: GitHub's own example payloads in, page descriptions out, no server needed. */
class EventMapperTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final GitHubRun RUN = new GitHubRun("https://github.com", "octo/repo", "42", "7", "Sync", "");

    private static JsonNode fixture(String name) throws Exception {
        return JSON.readValue(Files.readAllBytes(Path.of("src/test/resources/events", name)), JsonNode.class);
    }

    private static PageSpec page(String event, String fixture) throws Exception {
        MappingOutcome outcome = EventMapper.map(event, fixture(fixture), RUN);
        return assertInstanceOf(MappingOutcome.Mapped.class, outcome).page();
    }

    @ParameterizedTest
    @CsvSource({
        "issues, issues.opened.json, issues.opened, ISSUE, true, false",
        "issues, issues.edited.json, issues.edited, ISSUE, true, false",
        "issues, issues.closed.json, issues.closed, ISSUE, false, false",
        "issues, issues.reopened.json, issues.reopened, ISSUE, true, false",
        "issues, issues.labeled.json, issues.labeled, ISSUE, true, false",
        "issues, issues.assigned.json, issues.assigned, ISSUE, true, false",
        "issues, issues.deleted.json, issues.deleted, ISSUE, false, true",
        "pull_request, pull_request.opened.json, pull_request.opened, PULL_REQUEST, true, false",
        "pull_request, pull_request.reopened.json, pull_request.reopened, PULL_REQUEST, true, false",
        "pull_request_target, pull_request.opened.json, pull_request_target.opened, PULL_REQUEST, true, false",
        "pull_request, pull_request.closed.merged.json, pull_request.closed, PULL_REQUEST, false, false",
        "pull_request, pull_request.closed.unmerged.json, pull_request.closed, PULL_REQUEST, false, false",
        "discussion, discussion.created.json, discussion.created, DISCUSSION, true, false",
        "discussion, discussion.answered.json, discussion.answered, DISCUSSION, true, false",
        "discussion, discussion.deleted.json, discussion.deleted, DISCUSSION, true, true",
        "projects_v2_item, projects_v2_item.created.json, projects_v2_item.created, PROJECT_BOARD, true, false",
        "projects_v2_item, projects_v2_item.edited.json, projects_v2_item.edited, PROJECT_BOARD, true, false",
        "projects_v2_item, projects_v2_item.archived.json, projects_v2_item.archived, PROJECT_BOARD, false, false",
        "projects_v2_item, projects_v2_item.deleted.json, projects_v2_item.deleted, PROJECT_BOARD, false, true",
        "repository_dispatch, repository_dispatch.projects_v2_item.json, projects_v2_item.edited, PROJECT_BOARD, true, false",
        "workflow_dispatch, workflow_dispatch.json, workflow_dispatch, MANUAL, true, false",
    })
    void mapsEveryHandledEvent(String event, String fixture, String eventType, Category category, boolean open,
                               boolean trash) throws Exception {
        PageSpec p = page(event, fixture);
        assertEquals(eventType, p.eventType());
        assertEquals(category, p.category());
        assertEquals(open, p.open());
        assertEquals(trash, p.trash());
        assertTrue(!p.externalId().isEmpty() && !p.title().isEmpty());
    }

    @Test
    void issueUsesNodeIdTitleAndHtmlUrl() throws Exception {
        PageSpec p = page("issues", "issues.opened.json");
        assertEquals("MDU6SXNzdWU0NDQ1MDAwNDE=", p.externalId());
        assertEquals("Spelling error in the README file", p.title());
        assertEquals("https://github.com/Codertocat/Hello-World/issues/1", p.sourceUrl());
        assertFalse(p.values().containsKey(Field.MERGED));
    }

    @Test
    void issueDetailsComeFromTheRealPayload() throws Exception {
        PageSpec p = page("issues", "issues.opened.json");
        Map<Field, Object> v = raw(p.values());
        assertEquals(1, ((Number) v.get(Field.NUMBER)).intValue());
        assertEquals("Codertocat/Hello-World", v.get(Field.REPOSITORY));
        assertEquals(List.of("bug"), v.get(Field.LABELS));
        assertEquals(List.of("Codertocat"), v.get(Field.ASSIGNEES));
        assertEquals("Codertocat", v.get(Field.AUTHOR));
        assertEquals("v1.0", v.get(Field.MILESTONE));
        assertEquals("2019-05-15T15:20:18Z", v.get(Field.CREATED));
        assertEquals("2019-05-15T15:20:18Z", v.get(Field.UPDATED));
        assertTrue(v.containsKey(Field.CLOSED) && v.get(Field.CLOSED) == null, "closed_at null clears Closed");
        assertEquals(0, ((Number) v.get(Field.COMMENTS)).intValue());
        assertTrue(v.containsKey(Field.STATE_REASON));
        for (Field prOnly : List.of(Field.MERGED, Field.MERGED_AT, Field.DRAFT, Field.REVIEWERS, Field.BASE, Field.HEAD,
                Field.DISCUSSION_CATEGORY, Field.ANSWERED)) {
            assertFalse(v.containsKey(prOnly), prOnly.name());
        }
        assertEquals(Optional.of("It looks like you accidently spelled 'commit' with two 't's."), p.body());
        assertEquals("https://github.com/Codertocat/Hello-World", p.repositoryUrl());
        assertEquals(Optional.of("2019-05-15T15:20:18Z"), p.updatedAt());
        assertEquals(List.of("open"), p.states());
        assertEquals("2021-10-11T16:40:56Z", raw(page("issues", "issues.closed.json").values()).get(Field.CLOSED));
    }

    @Test
    void mergedPullRequestIsClosedAndMerged() throws Exception {
        PageSpec p = page("pull_request", "pull_request.closed.merged.json");
        Map<Field, Object> v = raw(p.values());
        assertEquals(List.of("merged", "closed"), p.states());
        assertFalse(p.open());
        assertEquals(true, v.get(Field.MERGED));
        assertEquals("2019-05-15T15:21:18Z", v.get(Field.MERGED_AT));
        assertEquals(false, v.get(Field.DRAFT));
        assertEquals(List.of("octocat"), v.get(Field.REVIEWERS));
        assertEquals("master", v.get(Field.BASE));
        assertEquals("changes", v.get(Field.HEAD));
        assertEquals(2, ((Number) v.get(Field.NUMBER)).intValue());
        assertEquals(List.of("bug"), v.get(Field.LABELS));
        assertEquals(List.of("Codertocat"), v.get(Field.ASSIGNEES));
        assertFalse(v.containsKey(Field.STATE_REASON));
        assertEquals(false, raw(page("pull_request", "pull_request.closed.unmerged.json").values()).get(Field.MERGED));
        assertEquals(List.of("closed"), page("pull_request", "pull_request.closed.unmerged.json").states());
    }

    @Test
    void discussionDetailsAndAnsweredState() throws Exception {
        PageSpec p = page("discussion", "discussion.answered.json");
        Map<Field, Object> v = raw(p.values());
        assertEquals("Q&A", v.get(Field.DISCUSSION_CATEGORY));
        assertEquals(true, v.get(Field.ANSWERED));
        assertEquals(List.of("answered", "open"), p.states());
        assertEquals(1, ((Number) v.get(Field.COMMENTS)).intValue());
        assertFalse(v.containsKey(Field.ASSIGNEES));
        assertFalse(v.containsKey(Field.MILESTONE));
        PageSpec created = page("discussion", "discussion.created.json");
        assertEquals(false, raw(created.values()).get(Field.ANSWERED));
        assertEquals("General", raw(created.values()).get(Field.DISCUSSION_CATEGORY));
        assertEquals("octo-org/octo-repo", raw(created.values()).get(Field.REPOSITORY));
    }

    @Test
    void onlyAnEditOfTheBodyReplacesContent() throws Exception {
        assertFalse(page("issues", "issues.edited.json").replaceBody(), "edited without changes.body");
        assertTrue(page("issues", "issues.edited.body.json").replaceBody());
        assertFalse(page("issues", "issues.opened.json").replaceBody());
        assertFalse(page("issues", "issues.labeled.json").replaceBody());
    }

    @Test
    void projectItemHasAFallbackTitleAndItsContentNode() throws Exception {
        PageSpec p = page("projects_v2_item", "projects_v2_item.created.json");
        assertEquals("Project item: DraftIssue DI_lAAEAQo", p.title());
        assertEquals(Optional.of("DI_lAAEAQo"), p.contentNodeId());
        assertEquals("PVTI_lAAEAQ8", p.externalId());
    }

    @Test
    void manualRunIsNamedAfterTheWorkflowAndKeyedByRunId() throws Exception {
        PageSpec p = page("workflow_dispatch", "workflow_dispatch.json");
        assertEquals("Sync #7", p.title());
        assertEquals("workflow-run-42", p.externalId());
        assertEquals("https://github.com/octo/repo/actions/runs/42", p.sourceUrl());
    }

    @Test
    void otherEventsAndPlainRepositoryDispatchAreSkipped() throws Exception {
        MappingOutcome push = EventMapper.map("push", fixture("push.json"), RUN);
        assertTrue(assertInstanceOf(MappingOutcome.Skipped.class, push).reason().contains("push"));
        assertInstanceOf(MappingOutcome.Skipped.class,
                EventMapper.map("repository_dispatch", fixture("repository_dispatch.json"), RUN));
    }

    @Test
    void payloadOfTheWrongShapeIsAnInputError() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> EventMapper.map("issues", fixture("pull_request.opened.json"), RUN));
        assertTrue(e.getMessage().contains("\"issue\""), e.getMessage());
    }

    /** The values as plain Java objects (text, lists, numbers, flags; null when cleared), to compare simply. */
    private static Map<Field, Object> raw(Map<Field, PropertyValue> values) {
        Map<Field, Object> out = new java.util.EnumMap<>(Field.class);
        values.forEach((f, v) -> out.put(f, v instanceof PropertyValue.Names n ? n.names()
                : v instanceof PropertyValue.Numeric n ? n.number()
                : v instanceof PropertyValue.Flag b ? (Object) b.value()
                : v instanceof PropertyValue.Relation r ? r.nodeIds()
                : v instanceof PropertyValue.Cleared ? null : v.display()));
        return out;
    }
}
