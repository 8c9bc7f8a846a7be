package org.prcybr.notionsync.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mockserver.configuration.ConfigurationProperties;
import org.mockserver.integration.ClientAndServer;

/** One MockServer on a free loopback port per test class, reset before each test. */
public final class MockServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
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
