package org.prcybr.notionsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.prcybr.notionsync.support.ActionProcess;

/**
 * The built jar as src/build/RepackJar.java leaves it for the image: the libraries' classes
 * without debug attributes, the project's own with them, Reactor, Netty and Logback stored rather
 * than deflated, and still a runnable jar (every *IT runs it).
 */
class RepackedJarIT {

    @Test
    void librariesLoseTheirDebugAttributesTheProjectKeepsIts() throws IOException {
        try (JarFile jar = new JarFile(ActionProcess.JAR.toFile())) {
            for (String library : List.of("io/micronaut/core/util/StringUtils.class",
                    "io/netty/buffer/AbstractByteBuf.class", "reactor/core/publisher/Flux.class",
                    "org/commonmark/parser/Parser.class", "org/jsoup/nodes/Element.class")) {
                DebugInfo info = debugInfo(jar, library);
                assertEquals(0, info.lines, library + " line numbers");
                assertEquals(0, info.locals, library + " local variable names");
                assertEquals(null, info.source, library + " source file");
            }
            DebugInfo own = debugInfo(jar, "org/prcybr/notionsync/action/ActionRun.class");
            assertTrue(own.lines > 0 && own.locals > 0 && "ActionRun.java".equals(own.source),
                    "the project's own classes keep lines and names for its stack traces");
        }
    }

    @Test
    void theChosenLibrariesAreStoredTheRestDeflatedAndTheManifestIntact() throws IOException {
        try (JarFile jar = new JarFile(ActionProcess.JAR.toFile())) {
            List<String> wrongMethod = new ArrayList<>();
            int stored = 0;
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                boolean shouldStore = name.startsWith("reactor/") || name.startsWith("io/netty/")
                        || name.startsWith("ch/qos/logback/");
                if (shouldStore != (entry.getMethod() == ZipEntry.STORED)) {
                    wrongMethod.add(name);
                }
                stored += shouldStore ? 1 : 0;
            }
            assertTrue(stored > 1000, "stored entries: " + stored);
            assertEquals(List.of(), wrongMethod.subList(0, Math.min(10, wrongMethod.size())));
            assertNotNull(jar.getManifest(), "manifest");
            assertEquals("org.prcybr.notionsync.Application",
                    jar.getManifest().getMainAttributes().get(Attributes.Name.MAIN_CLASS));
        }
    }

    private record DebugInfo(int lines, int locals, String source) {
    }

    private static DebugInfo debugInfo(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertNotNull(entry, name);
        int[] counts = new int[2];
        String[] source = new String[1];
        try (InputStream in = jar.getInputStream(entry)) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String file, String debug) {
                    source[0] = file;
                }

                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLineNumber(int line, Label start) {
                            counts[0]++;
                        }

                        @Override
                        public void visitLocalVariable(String local, String desc, String sig, Label from, Label to,
                                int index) {
                            counts[1]++;
                        }
                    };
                }
            }, 0);
        }
        return new DebugInfo(counts[0], counts[1], source[0]);
    }
}
