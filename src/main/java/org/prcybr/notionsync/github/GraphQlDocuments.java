package org.prcybr.notionsync.github;

import java.util.List;

/**
 * Every GraphQL document the action sends to GitHub. A test validates each against GitHub's
 * public schema, so a misspelt field fails the build rather than a user's run.
 */
public final class GraphQlDocuments {
    private GraphQlDocuments() {
    }

    /** The fields of an issue or pull request that the page's properties and content need. */
    static final String CONTENT_FIELDS = """
            __typename
            ... on DraftIssue { title body createdAt updatedAt creator { login } assignees(first: 100) { nodes { login } } }
            ... on Issue {
              title url body number issueState: state stateReason createdAt updatedAt closedAt
              repository { nameWithOwner url } author { login }
              labels(first: 100) { nodes { name } } assignees(first: 100) { nodes { login } }
              milestone { title } comments { totalCount }
            }
            ... on PullRequest {
              title url body number prState: state isDraft merged mergedAt createdAt updatedAt closedAt
              repository { nameWithOwner url } author { login }
              labels(first: 100) { nodes { name } } assignees(first: 100) { nodes { login } }
              milestone { title } comments { totalCount } baseRefName headRefName
              reviewRequests(first: 100) { nodes { requestedReviewer { __typename ... on User { login } } } }
            }
            """;

    /** A Projects v2 item's content and its field values, in one request. */
    public static final String PROJECT_ITEM = """
            query($item: ID!) {
              node(id: $item) {
                ... on ProjectV2Item {
                  isArchived
                  updatedAt
                  project { title }
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
                  content {
            """ + CONTENT_FIELDS + """
                  }
                }
              }
            }
            """;

    public static List<String> all() {
        return List.of(PROJECT_ITEM);
    }
}
