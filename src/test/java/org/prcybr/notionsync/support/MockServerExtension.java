package org.prcybr.notionsync.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mockserver.configuration.ConfigurationProperties;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

/**
 * One MockServer on a free loopback port per test JVM (a failsafe fork), shared by the classes
 * that fork runs one after another and reset before each test, so no test sees another's
 * expectations or recorded requests. Started on first use, stopped when the fork's tests end.
 * After each test, the Notion requests it received are handed to {@link NotionCapture} (when
 * capture is on).
 */
public final class MockServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MockServerExtension.class);

    /** The root store closes what it holds when the JVM's test run ends. */
    private record Shared(ClientAndServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        NotionCapture capture = NotionCapture.forTest(context.getRequiredTestClass().getName(),
                context.getRequiredTestClass().getSimpleName() + "#" + context.getRequiredTestMethod().getName());
        if (capture != null) {
            for (HttpRequest r : server(context).retrieveRecordedRequests(HttpRequest.request())) {
                String query = r.getQueryStringParameterList().stream()
                        .flatMap(p -> p.getValues().stream().map(v -> encode(p.getName().getValue()) + "=" + encode(v.getValue())))
                        .collect(java.util.stream.Collectors.joining("&"));
                capture.record(r.getMethod().getValue(), r.getPath().getValue(), query, r.getBodyAsString());
            }
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == NotionMock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return new NotionMock(server(e));
    }

    private static ClientAndServer server(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", key -> {
            ConfigurationProperties.logLevel("WARN");
            ConfigurationProperties.disableSystemOut(true);
            return new Shared(ClientAndServer.startClientAndServer(0));
        }, Shared.class).server();
    }
}
