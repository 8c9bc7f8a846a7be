package org.prcybr.notionsync.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.support.ActionProcess;

/**
 * The built jar's service index stands in for Micronaut's scan of the jar, and answers "none" for
 * any type it does not list: it must list every Micronaut service entry the jar holds.
 */
class ServiceIndexIT {
    private static final String BEANS = "META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/";

    @Test
    void theJarsIndexListsEveryMicronautServiceEntryInTheJar() throws IOException {
        try (ZipFile jar = new ZipFile(ActionProcess.JAR.toFile())) {
            ZipEntry index = jar.getEntry(ServiceIndex.RESOURCE);
            assertNotNull(index, "the build writes the index into the jar");
            Set<String> indexed = new TreeSet<>(new String(jar.getInputStream(index).readAllBytes(),
                    StandardCharsets.UTF_8).lines().toList());

            Set<String> scanned = new TreeSet<>();
            for (ZipEntry entry : Collections.list(jar.entries())) {
                String[] parts = entry.getName().split("/");
                if (!entry.isDirectory() && parts.length == 4 && entry.getName().startsWith("META-INF/micronaut/")) {
                    scanned.add(parts[2] + "\t" + parts[3]);
                }
            }
            assertTrue(scanned.size() > 150, "bean definitions found: " + scanned.size());
            Set<String> missing = new TreeSet<>(scanned);
            missing.removeAll(indexed);
            assertEquals(Set.of(), missing, "entries a scan would find but the index lacks");
            assertTrue(indexed.contains("ch.qos.logback.classic.spi.Configurator\torg.prcybr.notionsync.runner.LogSetup"),
                    "META-INF/services files are indexed too");
        }
    }

    @Test
    void beansTheCommandNeverUsesAreLeftOutOfTheJar() throws IOException {
        try (ZipFile jar = new ZipFile(ActionProcess.JAR.toFile())) {
            assertNotNull(jar.getEntry(BEANS + "org.prcybr.notionsync.sync.$PageUpsert$Definition"));
            assertFalse(Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .anyMatch(name -> name.startsWith(BEANS + "io.micronaut.scheduling.processor.")
                            || name.startsWith(BEANS + "io.micronaut.health.")
                            || name.startsWith(BEANS + "io.micronaut.runtime.context.scope.refresh.")
                            || name.startsWith(BEANS + "io.micronaut.websocket.")),
                    "@Scheduled processing, health, refresh and websocket beans would be loaded at every start");
        }
    }

    @Test
    void withoutAnIndexNothingIsInstalled() {
        // Unit tests and IDE runs load classes from target/classes, where the build writes no index.
        assertTrue(ServiceIndex.read().isEmpty());
    }
}
