package org.prcybr.notionsync.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mockserver.configuration.ConfigurationProperties;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

/**
 * One MockServer on a free loopback port per test class, reset before each test. After each test,
 * the Notion requests it received are handed to {@link NotionCapture} (when capture is on).
 */
public final class MockServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MockServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ConfigurationProperties.logLevel("WARN");
        ConfigurationProperties.disableSystemOut(true);
        context.getStore(NS).put("server", ClientAndServer.startClientAndServer(0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server(context).stop();
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
        ExtensionContext c = context;
        while (c.getStore(NS).get("server") == null && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return (ClientAndServer) c.getStore(NS).get("server");
    }
}
