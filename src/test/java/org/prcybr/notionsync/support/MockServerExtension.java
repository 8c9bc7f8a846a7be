package org.prcybr.notionsync.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mockserver.configuration.ConfigurationProperties;
import org.mockserver.integration.ClientAndServer;

/**
 * One MockServer on a free loopback port per test JVM (a failsafe fork), shared by the classes
 * that fork runs one after another and reset before each test, so no test sees another's
 * expectations or recorded requests. Started on first use, stopped when the fork's tests end.
 */
public final class MockServerExtension implements BeforeEachCallback, ParameterResolver {
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
