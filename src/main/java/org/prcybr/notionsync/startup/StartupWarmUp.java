package org.prcybr.notionsync.startup;

import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.client.annotation.Client;
import java.lang.annotation.Repeatable;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.security.Security;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Class initialisations every run needs later and that the AOT cache cannot hold, done on the
 * second core while the main thread reads inputs, sets up logging and starts Micronaut. Each is
 * one of the costliest steps a profile of the main thread showed (2 cores, AOT cache):
 * <ul>
 *   <li>the default time zone and date formats (logback's status printer): ~5 ms;
 *   <li>{@link BigDecimal}'s constants, which Jackson's parser needs for the first event: ~10 ms;
 *   <li>the JDK's first annotation reads, which generate proxy classes: Micronaut asks whether
 *       {@code @ClientFilter} and {@code @Client} are repeatable while creating the client: ~15 ms;
 *   <li>Netty's platform probe and the Micronaut HTTP client's static set-up: ~8 ms;
 *   <li>the socket, address and security set-up Netty's event loop does on the first connect
 *       while the run waits for it: ~10 ms.
 * </ul>
 * Class initialisation is thread-safe: if the main thread gets there first it simply does the
 * work itself, so nothing depends on this thread finishing. Measured together: 10-15 ms off the
 * median of 31 alternating runs (see the closing note of issue 5).
 */
public final class StartupWarmUp {
    private StartupWarmUp() {
    }

    public static void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException | LinkageError e) {
                // a warm-up that fails costs only the time it would have saved; it never prints
            }
        }, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        ZoneId.systemDefault();
        DateTimeFormatter.ISO_LOCAL_TIME.hashCode();
        BigDecimal.ONE.hashCode();
        ClientFilter.class.getAnnotation(Repeatable.class);
        Client.class.getAnnotation(Repeatable.class);
        // Socket and security set-up the event loop does on the first connect, while the run waits.
        InetAddress.getLoopbackAddress();
        Security.getProperty("networkaddress.cache.ttl");
        initialise("sun.nio.ch.Net");
        initialise("io.netty.channel.DefaultChannelId");
        initialise("io.netty.util.internal.PlatformDependent");
        initialise("io.netty.util.AsciiString");
        initialise("io.micronaut.scheduling.LoomSupport");
        initialise("io.micronaut.http.client.netty.DefaultHttpClient");
        initialise("io.netty.util.concurrent.GlobalEventExecutor");
    }

    /** By name: these are library internals, and a class that is gone is only a missed warm-up. */
    private static void initialise(String className) {
        try {
            Class.forName(className, true, StartupWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // nothing to warm up
        }
    }
}
