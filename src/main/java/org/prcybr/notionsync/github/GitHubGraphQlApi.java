package org.prcybr.notionsync.github;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;

/**
 * GitHub's GraphQL endpoint; the origin comes from GITHUB_GRAPHQL_URL ({@code micronaut.http.services.github}).
 * Only {@link GitHubClient} calls it. The whole response is returned, since a 200 can still carry a
 * rate limit whose reset time is in the headers.
 */
@Client(id = "github")
@Header(name = "User-Agent", value = "notion-sync-action")
public interface GitHubGraphQlApi {
    @Post("{+path}")
    HttpResponse<JsonNode> query(String path, @Header("Authorization") String authorization, @Body Map<String, Object> body);
}
