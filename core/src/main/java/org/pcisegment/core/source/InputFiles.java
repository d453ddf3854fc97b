package org.pcisegment.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns {@code -f} arguments into files: a file, a directory (its YAML and JSON files, not
 * recursive, like {@code kubectl apply -f}), or a glob such as {@code policies/*.yaml}.
 */
public final class InputFiles {
    private InputFiles() {}

    /** Every file named by the arguments, each once, in argument order then name order. */
    public static List<Path> resolve(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new InputException(
                    SourceSpan.of("-f"), "no input given; pass a policy file, directory or glob with -f");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            files.addAll(resolveOne(argument));
        }
        return List.copyOf(files);
    }

    private static List<Path> resolveOne(String argument) {
        SourceSpan where = SourceSpan.of(argument);
        if (argument.isBlank()) {
            throw new InputException(where, "empty file name given to -f");
        }
        Path path = Paths.get(argument);
        if (Files.isDirectory(path)) {
            List<Path> found = listDirectory(path, where);
            if (found.isEmpty()) {
                throw new InputException(where, "directory holds no .yaml, .yml or .json file; nothing to load");
            }
            return found;
        }
        if (Files.exists(path)) {
            if (!Files.isRegularFile(path)) {
                throw new InputException(where, "not a regular file");
            }
            return List.of(path.normalize());
        }
        if (isGlob(argument)) {
            List<Path> matched = expandGlob(argument, where);
            if (matched.isEmpty()) {
                throw new InputException(where, "no file matches this pattern");
            }
            return matched;
        }
        throw new InputException(where, "file or directory not found");
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> listDirectory(Path directory, SourceSpan where) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(InputFiles::hasManifestExtension)
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(where, "cannot list the directory: " + describe(e));
        } catch (UncheckedIOException e) {
            throw new InputException(where, "cannot list the directory: " + describe(e));
        }
    }

    private static String describe(UncheckedIOException e) {
        IOException cause = e.getCause();
        return cause == null ? String.valueOf(e.getMessage()) : describe(cause);
    }

    /** An I/O failure in words: the JDK's messages are often just the file name. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason() + " (" + failed.getFile() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    static boolean hasManifestExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** Expands a glob from its longest literal directory prefix; "**" crosses directories. */
    private static List<Path> expandGlob(String pattern, SourceSpan where) {
        String normalized = pattern.replace('\\', '/');
        int firstMeta = firstMetaIndex(normalized);
        int lastSlash = normalized.lastIndexOf('/', firstMeta);
        Path base = lastSlash < 0 ? Paths.get("") : Paths.get(normalized.substring(0, lastSlash + 1));
        if (!Files.isDirectory(base.toString().isEmpty() ? Paths.get(".") : base)) {
            throw new InputException(where, "directory of the pattern not found: " + base);
        }
        List<PathMatcher> matchers = globVariants(normalized).stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
        String rest = normalized.substring(lastSlash + 1);
        boolean deep = rest.contains("/") || rest.contains("**");
        Path root = base.toString().isEmpty() ? Paths.get(".") : base;
        List<Path> matched = new ArrayList<>();
        try (Stream<Path> walk = deep ? Files.walk(root) : Files.list(root)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> base.toString().isEmpty() ? root.relativize(p) : p)
                    .filter(p -> matchers.stream().anyMatch(m -> m.matches(p)))
                    .map(Path::normalize)
                    .sorted()
                    .forEach(matched::add);
        } catch (IOException e) {
            throw new InputException(where, "cannot expand the pattern: " + describe(e));
        } catch (UncheckedIOException e) {
            // Files.walk reports a directory it cannot enter while the stream is consumed.
            throw new InputException(where, "cannot expand the pattern: " + describe(e));
        }
        return matched;
    }

    /**
     * The pattern, and the forms in which each {@code "**}{@code /"} matches no directory at all, so
     * that {@code policies/**}{@code /*.yaml} also finds {@code policies/a.yaml} (as in shells with
     * globstar, Ant and .gitignore); Java's glob alone requires at least one directory there.
     */
    static List<String> globVariants(String pattern) {
        List<String> variants = new ArrayList<>(List.of(pattern));
        for (int i = 0; i < variants.size() && variants.size() < 64; i++) {
            String variant = variants.get(i);
            for (int at = variant.indexOf("**/"); at >= 0; at = variant.indexOf("**/", at + 1)) {
                String collapsed = variant.substring(0, at) + variant.substring(at + 3);
                if (!variants.contains(collapsed)) {
                    variants.add(collapsed);
                }
            }
        }
        return variants;
    }

    private static int firstMetaIndex(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return pattern.length();
    }
}
