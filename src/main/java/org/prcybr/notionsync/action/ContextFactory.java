package org.prcybr.notionsync.action;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.client.annotation.Client;
import java.lang.annotation.Repeatable;
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

    /**
     * Creating the HTTP client, Micronaut asks the JDK whether its {@code @ClientFilter} and
     * {@code @Client} annotation types are repeatable. The JDK's first annotation read generates
     * proxy classes (~15 ms, which the AOT cache cannot hold); doing it here, on a spare thread
     * at start, overlaps that with reading inputs, logging set-up and the context start.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            ClientFilter.class.getAnnotation(Repeatable.class);
            Client.class.getAnnotation(Repeatable.class);
        }, "annotation-warm-up");
        thread.setDaemon(true);
        thread.start();
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
        props.put("notion.retry-budget", settings.retryBudget().toSeconds() + "s");
        URI graphql = URI.create(settings.run().graphqlUrl());
        props.put("micronaut.http.services.github.url", graphql.getScheme() + "://" + graphql.getRawAuthority());
        props.put("micronaut.http.services.github.read-timeout", "10s");
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
