package org.prcybr.notionsync.github;

import java.util.List;

/**
 * Every GraphQL document the action sends to GitHub. A test validates each against GitHub's
 * public schema, so a misspelt field fails the build rather than a user's run.
 */
public final class GraphQlDocuments {
    private GraphQlDocuments() {
    }

    static final String ISSUE_FIELDS = """
            id title url body number issueState: state stateReason createdAt updatedAt closedAt
            repository { nameWithOwner url } author { login }
            labels(first: 100) { nodes { name } } assignees(first: 100) { nodes { login } }
            milestone { title } comments { totalCount }
            """;

    static final String PULL_REQUEST_FIELDS = """
            id title url body number prState: state isDraft merged mergedAt createdAt updatedAt closedAt
            repository { nameWithOwner url } author { login }
            labels(first: 100) { nodes { name } } assignees(first: 100) { nodes { login } }
            milestone { title } comments { totalCount } baseRefName headRefName
            reviewRequests(first: 100) { nodes { requestedReviewer { __typename ... on User { login } } } }
            """;

    /** The objects an issue or pull request is linked to (GitHub caps sub-issues at 100 per parent). */
    static final class RelationFields {
        static final String ISSUE = "parent { id } subIssues(first: 100) { nodes { id } }\n"
                + "closedByPullRequestsReferences(first: 100, includeClosedPrs: true) { nodes { id } }\n";
        static final String PULL_REQUEST = "closingIssuesReferences(first: 100) { nodes { id } }\n";

        private RelationFields() {
        }
    }

    /** A live event's issue or pull request: only its relations, the rest comes from the payload. */
    public static final String RELATIONS = "query($id: ID!) { node(id: $id) { __typename\n"
            + "... on Issue { " + RelationFields.ISSUE + " }\n"
            + "... on PullRequest { " + RelationFields.PULL_REQUEST + " } } }";

    static final String DISCUSSION_FIELDS = """
            id title url body number closed closedAt isAnswered createdAt updatedAt
            repository { nameWithOwner url } author { login } category { name }
            labels(first: 100) { nodes { name } } comments { totalCount }
            """;

    /** The fields of an issue, pull request or draft that the page's properties and content need. */
    static final String CONTENT_FIELDS = "__typename\n"
            + "... on DraftIssue { title body createdAt updatedAt creator { login } assignees(first: 100) { nodes { login } } }\n"
            + "... on Issue { " + ISSUE_FIELDS + " }\n"
            + "... on PullRequest { " + PULL_REQUEST_FIELDS + " }\n";

    private static final String PROJECT_ITEM_FIELDS = """
            id isArchived updatedAt
            fieldValues(first: 50) {
              nodes {
                __typename
                ... on ProjectV2ItemFieldSingleSelectValue { name field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldIterationValue { title field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { name } } }
              }
            }
            """;

    /** A Projects v2 item's content and its field values, in one request. */
    public static final String PROJECT_ITEM = "query($item: ID!) { node(id: $item) { ... on ProjectV2Item {\n"
            + PROJECT_ITEM_FIELDS + " project { title } content { " + CONTENT_FIELDS + " } } } }";

    /**
     * A comment as the backfill mirrors it. A bot's login comes without the {@code [bot]} that
     * webhook payloads add, hence its type.
     */
    static final String COMMENT_FIELDS = "totalCount pageInfo { hasNextPage endCursor }\n"
            + "nodes { id body url author { __typename login } createdAt updatedAt isMinimized }";

    /**
     * An object's first 100 comments, oldest first, beside its {@code comments { totalCount }}
     * (which a Projects v2 item's content asks for without them), hence the alias.
     */
    static final String COMMENT_PAGE = "commentPage: comments(first: 100) { " + COMMENT_FIELDS + " }\n";

    /**
     * One page of a repository's issues, pull requests or discussions, 100 at a time, with their
     * links and first 100 comments. (A Projects v2 item's content needs neither.)
     */
    public static final String ISSUES = repositoryPage("issues", ISSUE_FIELDS + RelationFields.ISSUE + COMMENT_PAGE);
    public static final String PULL_REQUESTS = repositoryPage("pullRequests",
            PULL_REQUEST_FIELDS + RelationFields.PULL_REQUEST + COMMENT_PAGE);
    public static final String DISCUSSIONS = repositoryPage("discussions", DISCUSSION_FIELDS + COMMENT_PAGE);

    /** The next 100 comments of an object that has more than its repository page carried. */
    public static final String COMMENTS = "query($id: ID!, $cursor: String) { node(id: $id) { __typename\n"
            + "... on Issue { commentPage: comments(first: 100, after: $cursor) { " + COMMENT_FIELDS + " } }\n"
            + "... on PullRequest { commentPage: comments(first: 100, after: $cursor) { " + COMMENT_FIELDS + " } }\n"
            + "... on Discussion { commentPage: comments(first: 100, after: $cursor) { " + COMMENT_FIELDS + " } } } }";

    /** One page of a Projects v2 board's items, an organization's or a user's. */
    public static final String ORGANIZATION_PROJECT_ITEMS = projectPage("organization");
    public static final String USER_PROJECT_ITEMS = projectPage("user");

    private static String repositoryPage(String connection, String fields) {
        return "query($owner: String!, $name: String!, $cursor: String) {\n"
                + "  repository(owner: $owner, name: $name) {\n"
                + "    " + connection + "(first: 100, after: $cursor) {\n"
                + "      totalCount pageInfo { hasNextPage endCursor }\n"
                + "      nodes { __typename " + fields + " }\n"
                + "    }\n  }\n}";
    }

    private static String projectPage(String owner) {
        return "query($owner: String!, $number: Int!, $cursor: String) {\n"
                + "  " + owner + "(login: $owner) {\n"
                + "    projectV2(number: $number) {\n"
                + "      title\n"
                + "      items(first: 100, after: $cursor) {\n"
                + "        totalCount pageInfo { hasNextPage endCursor }\n"
                + "        nodes { " + PROJECT_ITEM_FIELDS + " content { " + CONTENT_FIELDS + " } }\n"
                + "      }\n    }\n  }\n}";
    }

    // Two-way sync (mode pull): what a pull reads, and the mutations it may send.

    /**
     * The objects of the pages a pull looks at, 100 at most per request: as a backfill reads them,
     * and for a Projects v2 item its project's fields with the ids a field write needs.
     */
    public static final String PULL_NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename\n"
            + "... on Issue { " + ISSUE_FIELDS + " }\n"
            + "... on PullRequest { " + PULL_REQUEST_FIELDS + " }\n"
            + "... on ProjectV2Item { " + PROJECT_ITEM_FIELDS
            + " project { id title fields(first: 50) { nodes { __typename\n"
            + "  ... on ProjectV2Field { id name dataType }\n"
            + "  ... on ProjectV2SingleSelectField { id name dataType options { id name } }\n"
            + "  ... on ProjectV2IterationField { id name dataType configuration { iterations { id title } "
            + "completedIterations { id title } } } } } }\n"
            + "  content { " + CONTENT_FIELDS + " } } } }";

    /** A repository's id and the names a pull turns into ids: labels, milestones, people who can be assigned. */
    public static final String REPOSITORY_NAMES = """
            query($owner: String!, $name: String!) {
              repository(owner: $owner, name: $name) {
                id
                labels(first: 100) { nodes { id name } }
                milestones(first: 100, states: [OPEN, CLOSED], orderBy: {field: CREATED_AT, direction: DESC}) { nodes { id title } }
                assignableUsers(first: 100) { nodes { id login } }
              }
            }""";

    /**
     * A repository's 100 newest issues with their bodies and authors, where an issue created from a
     * Notion page carries its marker; and who the token is, since only its own issues count.
     */
    public static final String RECENT_ISSUES = """
            query($owner: String!, $name: String!) {
              viewer { login }
              repository(owner: $owner, name: $name) {
                id
                issues(first: 100, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { id body author { login } } }
              }
            }""";

    /** A label by name, for repositories with more than the 100 {@link #REPOSITORY_NAMES} lists. */
    public static final String LABEL = """
            query($owner: String!, $name: String!, $label: String!) {
              repository(owner: $owner, name: $name) { label(name: $label) { id name } }
            }""";

    /** Milestones whose title matches, for repositories with more than the 100 listed. */
    public static final String MILESTONE = """
            query($owner: String!, $name: String!, $title: String!) {
              repository(owner: $owner, name: $name) { milestones(first: 20, query: $title) { nodes { id title } } }
            }""";

    /** A user by login, for repositories with more assignable users than the 100 listed. */
    public static final String USER = "query($login: String!) { user(login: $login) { id login } }";

    public static final String CLOSE_ISSUE = "mutation($id: ID!, $reason: IssueClosedStateReason) {\n"
            + "  closeIssue(input: {issueId: $id, stateReason: $reason}) { issue { id } } }";
    public static final String REOPEN_ISSUE = "mutation($id: ID!) { reopenIssue(input: {issueId: $id}) { issue { id } } }";
    public static final String CLOSE_PULL_REQUEST = "mutation($id: ID!) {\n"
            + "  closePullRequest(input: {pullRequestId: $id}) { pullRequest { id } } }";
    public static final String REOPEN_PULL_REQUEST = "mutation($id: ID!) {\n"
            + "  reopenPullRequest(input: {pullRequestId: $id}) { pullRequest { id } } }";
    public static final String ISSUE_TITLE = "mutation($id: ID!, $title: String!) {\n"
            + "  updateIssue(input: {id: $id, title: $title}) { issue { id } } }";
    public static final String PULL_REQUEST_TITLE = "mutation($id: ID!, $title: String!) {\n"
            + "  updatePullRequest(input: {pullRequestId: $id, title: $title}) { pullRequest { id } } }";
    /** A null milestone clears it. */
    public static final String ISSUE_MILESTONE = "mutation($id: ID!, $milestone: ID) {\n"
            + "  updateIssue(input: {id: $id, milestoneId: $milestone}) { issue { id } } }";
    public static final String PULL_REQUEST_MILESTONE = "mutation($id: ID!, $milestone: ID) {\n"
            + "  updatePullRequest(input: {pullRequestId: $id, milestoneId: $milestone}) { pullRequest { id } } }";
    public static final String ADD_LABELS = "mutation($id: ID!, $labels: [ID!]!) {\n"
            + "  addLabelsToLabelable(input: {labelableId: $id, labelIds: $labels}) { clientMutationId } }";
    public static final String REMOVE_LABELS = "mutation($id: ID!, $labels: [ID!]!) {\n"
            + "  removeLabelsFromLabelable(input: {labelableId: $id, labelIds: $labels}) { clientMutationId } }";
    public static final String ADD_ASSIGNEES = "mutation($id: ID!, $users: [ID!]!) {\n"
            + "  addAssigneesToAssignable(input: {assignableId: $id, assigneeIds: $users}) { clientMutationId } }";
    public static final String REMOVE_ASSIGNEES = "mutation($id: ID!, $users: [ID!]!) {\n"
            + "  removeAssigneesFromAssignable(input: {assignableId: $id, assigneeIds: $users}) { clientMutationId } }";
    public static final String PROJECT_FIELD = "mutation($project: ID!, $item: ID!, $field: ID!, $value: ProjectV2FieldValue!) {\n"
            + "  updateProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field, value: $value}) "
            + "{ projectV2Item { id } } }";
    public static final String CLEAR_PROJECT_FIELD = "mutation($project: ID!, $item: ID!, $field: ID!) {\n"
            + "  clearProjectV2ItemFieldValue(input: {projectId: $project, itemId: $item, fieldId: $field}) "
            + "{ projectV2Item { id } } }";
    /** Creates an issue from a Notion page, answering with what its page needs. */
    public static final String CREATE_ISSUE = "mutation($repository: ID!, $title: String!, $body: String!) {\n"
            + "  createIssue(input: {repositoryId: $repository, title: $title, body: $body}) { issue { __typename "
            + ISSUE_FIELDS + " } } }";

    /** A comment posted from Notion on an issue or a pull request's conversation. */
    public static final String ADD_COMMENT = "mutation($subject: ID!, $body: String!) {\n"
            + "  addComment(input: {subjectId: $subject, body: $body}) { commentEdge { node { id url } } } }";
    public static final String ADD_DISCUSSION_COMMENT = "mutation($discussion: ID!, $body: String!) {\n"
            + "  addDiscussionComment(input: {discussionId: $discussion, body: $body}) { comment { id url } } }";

    public static List<String> all() {
        return List.of(PROJECT_ITEM, ISSUES, PULL_REQUESTS, DISCUSSIONS, ORGANIZATION_PROJECT_ITEMS, USER_PROJECT_ITEMS,
                RELATIONS, COMMENTS, PULL_NODES, REPOSITORY_NAMES, RECENT_ISSUES, CLOSE_ISSUE, REOPEN_ISSUE,
                CLOSE_PULL_REQUEST, REOPEN_PULL_REQUEST, ISSUE_TITLE, PULL_REQUEST_TITLE, ISSUE_MILESTONE,
                PULL_REQUEST_MILESTONE, ADD_LABELS, REMOVE_LABELS, ADD_ASSIGNEES, REMOVE_ASSIGNEES, PROJECT_FIELD,
                CLEAR_PROJECT_FIELD, CREATE_ISSUE, ADD_COMMENT, ADD_DISCUSSION_COMMENT, LABEL, MILESTONE, USER);
    }
}
