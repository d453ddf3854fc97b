package org.pcisegment.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcisegment.core.testing.Inputs.inputError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    private Path a;
    private Path b;
    private Path json;
    private Path nested;
    private Path deeper;

    @BeforeEach
    void createTree() throws IOException {
        a = touch("a.yaml");
        b = touch("b.yml");
        json = touch("c.json");
        touch("notes.txt");
        nested = touch("sub/d.yaml");
        deeper = touch("sub/deeper/e.yaml");
    }

    private Path touch(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "a: 1\n");
    }

    private static List<Path> resolve(String... arguments) {
        return InputFiles.resolve(List.of(arguments));
    }

    private static String error(String... arguments) {
        return inputError(() -> resolve(arguments)).located();
    }

    @Test
    void takesAFileAsGiven() {
        assertThat(resolve(a.toString())).containsExactly(a);
        assertThat(resolve(dir.resolve("notes.txt").toString())).containsExactly(dir.resolve("notes.txt"));
    }

    @Test
    void takesTheManifestsOfADirectoryInNameOrderWithoutDescending() {
        assertThat(resolve(dir.toString())).containsExactly(a, b, json);
    }

    @Test
    void expandsAGlobInOneDirectory() {
        assertThat(resolve(dir + "/*.y*ml")).containsExactly(a, b);
        assertThat(resolve(dir + "/{a,c}.*")).containsExactly(a, json);
        assertThat(resolve(dir + "/sub/?.yaml")).containsExactly(nested);
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectoriesIncludingNone() {
        assertThat(resolve(dir + "/**/*.yaml")).containsExactly(a, nested, deeper);
        assertThat(resolve(dir + "/sub/**/*.yaml")).containsExactly(nested, deeper);
        assertThat(resolve(dir + "/**.yaml")).containsExactly(a, nested, deeper);
    }

    @Test
    void listsEachFileOnceInArgumentOrder() {
        assertThat(resolve(b.toString(), dir + "/*.y*ml", a.toString(), dir.toString()))
                .containsExactly(b, a, json);
    }

    @Test
    void reportsWhatMatchedNothing() throws IOException {
        assertThat(error(dir.resolve("missing.yaml").toString()))
                .isEqualTo(dir.resolve("missing.yaml") + ": file or directory not found");
        assertThat(error(dir + "/*.toml")).isEqualTo(dir + "/*.toml: no file matches this pattern");
        assertThat(error(dir + "/nowhere/*.yaml"))
                .isEqualTo(dir + "/nowhere/*.yaml: directory of the pattern not found: " + dir + "/nowhere");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "no policies here\n");
        assertThat(error(empty.toString()))
                .isEqualTo(empty + ": directory holds no .yaml, .yml or .json file; nothing to load");
        assertThat(error("  ")).isEqualTo("  : empty file name given to -f");
        assertThat(inputError(() -> InputFiles.resolve(List.of())).located())
                .isEqualTo("-f: no input given; pass a policy file, directory or glob with -f");
    }
}
