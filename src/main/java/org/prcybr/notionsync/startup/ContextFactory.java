package org.prcybr.notionsync.startup;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.prcybr.notionsync.config.SyncSettings;

/**
 * Starts the Micronaut context from validated settings. The context is built only after the
 * inputs have been checked, so bad input never starts an HTTP client.
 */
public final class ContextFactory {
    private ContextFactory() {
    }

    public static ApplicationContext start(SyncSettings settings) {
        ServiceIndex.install();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.http.services.notion.url", settings.notionApiUrl().toString());
        props.put("micronaut.http.services.notion.read-timeout", settings.requestTimeout().toSeconds() + "s");
        props.put("micronaut.http.services.notion.connect-timeout", "10s");
        props.put("micronaut.http.services.notion.channel-options.TCP_NODELAY", true);
        // A plain-http Notion (a stand-in) needs no TLS: skip building the SSL context at start-up.
        props.put("micronaut.http.services.notion.ssl.enabled", "https".equals(settings.notionApiUrl().getScheme()));
        props.put("notion.token", settings.notionToken());
        props.put("notion.version", settings.notionVersion());
        props.put("retry.budget", settings.retryBudget().toSeconds() + "s");
        // A backfill sends thousands of requests: space them at Notion's average rate limit. The
        // JVM property is for tests against a stand-in without that limit (no input sets it).
        boolean many = settings.mode() == SyncSettings.Mode.BACKFILL || settings.mode() == SyncSettings.Mode.PULL;
        props.put("notion.pace-per-second", many
                ? System.getProperty("notion-sync.backfill-pace-per-second", "2.8") : "0");
        // A pull's mutations stay under GitHub's secondary limit (about 80 content-creating requests a minute).
        props.put("github.mutations-per-second", System.getProperty("notion-sync.github-mutations-per-second", "1.25"));
        URI graphql = URI.create(settings.run().graphqlUrl());
        props.put("micronaut.http.services.github.url", graphql.getScheme() + "://" + graphql.getRawAuthority());
        props.put("micronaut.http.services.github.read-timeout", "10s");
        props.put("github.token", settings.githubToken());
        props.put("github.graphql-path", graphql.getRawPath() == null || graphql.getRawPath().isEmpty()
                ? "/graphql" : graphql.getRawPath());
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .enableDefaultPropertySources(false)
                // Inputs reach the app as settings, never as environment-derived properties.
                .environmentPropertySource(false)
                .properties(props)
                .start();
    }
}
