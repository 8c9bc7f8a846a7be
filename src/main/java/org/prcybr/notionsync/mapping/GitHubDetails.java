package org.prcybr.notionsync.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GitHub's GraphQL API told about a Projects v2 item's content (an issue, a pull request or a
 * draft) and the item's own field values, in the same terms as a webhook payload gives them.
 */
public record GitHubDetails(String title, String url, Optional<String> body, List<String> states,
                            Map<Field, PropertyValue> values, Map<String, FieldValue> fieldValues, String repositoryUrl) {
}
