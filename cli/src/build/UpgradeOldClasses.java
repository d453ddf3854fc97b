import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step of the distributable jar: rewrites class files older than Java 6 (picocli ships Java
 * 5 bytecode) as Java 8 class files with stack maps, so that the JDK's AOT cache can hold them.
 * The JVM refuses to archive classes that need the old type-inferring verifier ("Old class has
 * been linked"), so before this step every start loaded and verified picocli's ~180 classes from
 * the jar. Only the class file version and the stack maps change; the bytecode is the same.
 * Only classes under the given package prefixes are touched (those on the start-up path).
 * Usage: java UpgradeOldClasses.java JAR PREFIX...   e.g. {@code picocli/}
 */
public final class UpgradeOldClasses {
    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]).toAbsolutePath();
        List<String> prefixes = List.of(args).subList(1, args.length);
        int upgraded = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            ClassFile classFile = ClassFile.of(
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            List<Path> classFiles;
            try (Stream<Path> walk = Files.walk(zip.getPath("/"))) {
                classFiles = walk.filter(p -> p.toString().endsWith(".class"))
                        .filter(p -> prefixes.stream().anyMatch(prefix -> p.toString().startsWith("/" + prefix)))
                        .toList();
            }
            for (Path path : classFiles) {
                byte[] bytes = Files.readAllBytes(path);
                if (bytes.length < 8 || majorVersion(bytes) >= JAVA_6) {
                    continue;
                }
                ClassModel model = classFile.parse(bytes);
                ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                        .andThen((builder, element) -> {
                            if (element instanceof ClassFileVersion) {
                                builder.withVersion(JAVA_8, 0);
                            } else {
                                builder.with(element);
                            }
                        });
                Files.write(path, classFile.transformClass(model, upgrade));
                upgraded++;
            }
        }
        System.out.println("UpgradeOldClasses: " + upgraded + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files with stack maps");
    }

    private static int majorVersion(byte[] bytes) {
        return ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    }
}
