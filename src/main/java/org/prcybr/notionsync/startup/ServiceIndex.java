package org.prcybr.notionsync.startup;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.io.service.SoftServiceLoader.StaticDefinition;
import io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Micronaut's service list, written into the jar at build time and handed to Micronaut at start.
 *
 * <p>Without it, Micronaut finds its bean definitions by opening the fat jar as a zip file system
 * and walking {@code META-INF/micronaut} on every start: about 15 ms of each event's start-up.
 * {@link #main} (run by the build right after the jar is assembled) lists those entries, and the
 * {@code META-INF/services} files, into {@value #RESOURCE}; {@link #install()} gives the list to
 * Micronaut through its own hook for ahead-of-time optimisations ({@link StaticOptimizations}),
 * the one Micronaut AOT uses. Where the resource is absent (classes run from an IDE or unit
 * tests), nothing changes and Micronaut scans as usual.
 */
public final class ServiceIndex {
    static final String RESOURCE = "META-INF/notion-sync-action/services.idx";
    private static final String MICRONAUT_SERVICES = "META-INF/micronaut/";
    private static final String STANDARD_SERVICES = "META-INF/services/";

    private ServiceIndex() {
    }

    /** Hands the index to Micronaut; must run before Micronaut's service loader is first used. */
    static void install() {
        Map<String, List<String>> services = read();
        if (services.isEmpty()) {
            return;
        }
        Map<String, StaticServiceLoader<?>> loaders = new HashMap<>();
        services.forEach((type, implementations) -> loaders.put(type, new IndexedLoader<>(implementations)));
        StaticOptimizations.set(new SoftServiceLoader.Optimizations(new CompleteIndex(loaders)));
    }

    /**
     * The index lists every service file in the jar, so a type it does not name has no
     * implementations: answering that here keeps Micronaut from scanning the jar to find out.
     */
    private static final class CompleteIndex extends AbstractMap<String, StaticServiceLoader<?>> {
        private static final StaticServiceLoader<?> NONE = new IndexedLoader<>(List.of());
        private final Map<String, StaticServiceLoader<?>> loaders;

        CompleteIndex(Map<String, StaticServiceLoader<?>> loaders) {
            this.loaders = loaders;
        }

        @Override
        public StaticServiceLoader<?> get(Object type) {
            return loaders.getOrDefault(type, NONE);
        }

        @Override
        public boolean containsKey(Object type) {
            return true;
        }

        @Override
        public Set<Entry<String, StaticServiceLoader<?>>> entrySet() {
            return loaders.entrySet();
        }
    }

    static Map<String, List<String>> read() {
        Map<String, List<String>> services = new HashMap<>();
        try (InputStream in = ServiceIndex.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return services;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    services.computeIfAbsent(line.substring(0, tab), t -> new ArrayList<>()).add(line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            services.clear(); // a broken index only costs the scan it would have saved
        }
        return services;
    }

    /** Service implementations named in the index, created the way Micronaut's scan creates them. */
    private static final class IndexedLoader<S> implements StaticServiceLoader<S> {
        private static final MethodType NO_ARGS = MethodType.methodType(void.class);
        private final List<String> implementations;

        IndexedLoader(List<String> implementations) {
            this.implementations = implementations;
        }

        @Override
        public Stream<StaticDefinition<S>> findAll(Predicate<String> condition) {
            return implementations.stream()
                    .filter(name -> condition == null || condition.test(name))
                    .map(name -> StaticDefinition.of(name, () -> create(name)));
        }

        @Override
        public List<S> load(Predicate<S> predicate) {
            List<S> loaded = new ArrayList<>();
            for (String name : implementations) {
                S service = create(name);
                if (service != null && (predicate == null || predicate.test(service))) {
                    loaded.add(service);
                }
            }
            return loaded;
        }

        /** Null when the class cannot be created here, which Micronaut's own loader also skips. */
        @SuppressWarnings("unchecked")
        private static <S> S create(String name) {
            try {
                Class<?> type = Class.forName(name, false, ServiceIndex.class.getClassLoader());
                return (S) MethodHandles.publicLookup().findConstructor(type, NO_ARGS).invoke();
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                return null;
            }
        }
    }

    /** Build step: {@code java -cp target/classes:… ServiceIndex path/to/app.jar} writes the index into the jar. */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Map<String, Set<String>> services = new TreeMap<>(); // sorted, so the index is the same for the same jar
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith(MICRONAUT_SERVICES)) {
                    String[] parts = name.substring(MICRONAUT_SERVICES.length()).split("/");
                    if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                        add(zip, services, parts[0], parts[1]);
                    }
                } else if (name.startsWith(STANDARD_SERVICES) && name.indexOf('/', STANDARD_SERVICES.length()) < 0) {
                    String type = name.substring(STANDARD_SERVICES.length());
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            int comment = line.indexOf('#');
                            String implementation = (comment >= 0 ? line.substring(0, comment) : line).trim();
                            if (!implementation.isEmpty()) {
                                add(zip, services, type, implementation);
                            }
                        }
                    }
                }
            }
        }
        StringBuilder index = new StringBuilder();
        services.forEach((type, implementations) -> implementations.forEach(implementation ->
                index.append(type).append('\t').append(implementation).append('\n')));
        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            Path target = fs.getPath(RESOURCE);
            Files.createDirectories(target.getParent());
            Files.writeString(target, index.toString(), StandardCharsets.UTF_8);
        }
        System.out.println("ServiceIndex: " + services.values().stream().mapToInt(Set::size).sum()
                + " service implementations of " + services.size() + " types indexed in " + jar.getFileName());
    }

    /** Only implementations whose class is in the jar, as a scan of the jar would find. */
    private static void add(ZipFile zip, Map<String, Set<String>> services, String type, String implementation) {
        if (zip.getEntry(implementation.replace('.', '/') + ".class") != null) {
            services.computeIfAbsent(type, t -> new TreeSet<>()).add(implementation);
        }
    }
}
