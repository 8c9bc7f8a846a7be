import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Build step, run by Maven right after the jar is assembled (see the pom): repacks the jar for
 * the image, which every event pulls as gzip-compressed layers.
 *
 * <ul>
 *   <li>The libraries' classes lose their debug attributes (line numbers, local variable and
 *       parameter names, source file names): about a fifth of their bytes, in the jar and again in
 *       the AOT cache recorded from it. jlink strips the JRE's classes the same way. The action
 *       never shows a stack trace to its users; the project's own classes keep theirs.
 *   <li>The entries under the given prefixes are stored, not deflated: gzip then compresses them
 *       across files (similar classes side by side), which per-entry deflate cannot. Each stored
 *       MB adds about 1 MB to the unpacked image and takes about 0.25 MB off the pulled layers, so
 *       only the packages with the best ratio are stored (scripts/benchmark.sh measures both).
 *   <li>With a TIMESTAMP (the build's {@code project.build.outputTimestamp}), every entry is
 *       stamped with it, including those written after the shade (the service index), so the
 *       same sources give the same jar bytes, whenever and in whichever time zone they are built.
 * </ul>
 *
 * <p>Every other entry is copied as it is, in the same order. Usage (Java 17+ source launcher):
 * {@code java -cp asm.jar RepackJar.java JAR KEPT_PREFIX STORED_PREFIXES [TIMESTAMP]}
 * (prefixes comma-separated, timestamp ISO-8601 such as 2026-01-01T00:00:00Z).
 */
public final class RepackJar {
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        String kept = args[1];
        List<String> storedPrefixes = Arrays.asList(args[2].split(","));
        // The zip's DOS time fields as written, not converted through this machine's time zone.
        LocalDateTime stamp = args.length > 3
                ? LocalDateTime.ofInstant(Instant.parse(args[3]), ZoneOffset.UTC) : null;
        Path repacked = jar.resolveSibling(jar.getFileName() + ".repacked");
        long before = Files.size(jar);
        int stripped = 0;
        int stored = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(repacked))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                if (name.endsWith(".class") && !name.startsWith(kept) && !name.endsWith("module-info.class")) {
                    bytes = withoutDebugAttributes(bytes);
                    stripped++;
                }
                ZipEntry copy = new ZipEntry(name);
                if (stamp != null) {
                    copy.setTimeLocal(stamp);
                } else {
                    copy.setTime(entry.getTime());
                }
                if (!entry.isDirectory() && storedPrefixes.stream().anyMatch(name::startsWith)) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                    stored++;
                }
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(repacked, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("RepackJar: %d classes without debug attributes, %d entries stored; %s: %,d -> %,d bytes%n",
                stripped, stored, jar.getFileName(), before, Files.size(jar));
    }

    /** SKIP_DEBUG drops exactly the debug attributes; code and stack map frames are copied as read. */
    static byte[] withoutDebugAttributes(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(writer, ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }

    private RepackJar() {
    }
}
