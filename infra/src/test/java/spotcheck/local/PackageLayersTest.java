package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The local stack's packages depend one way: support, then template, then emulator and lambda,
 * then gateway and events, then spotcheck.local (start-up, CLI, demo). A package may use only
 * those of lower layers, so there is no cycle and none between packages of one layer.
 */
class PackageLayersTest {
    private static final Map<String, Integer> LAYER = Map.of(
            "spotcheck.local.support", 0,
            "spotcheck.local.template", 1,
            "spotcheck.local.emulator", 2,
            "spotcheck.local.lambda", 2,
            "spotcheck.local.gateway", 3,
            "spotcheck.local.events", 3,
            "spotcheck.local", 4);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(spotcheck\\.local(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    @Test
    void everyPackageUsesOnlyLowerLayers() throws IOException {
        Path root = Path.of("src", "main", "java", "spotcheck", "local");
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String source = Files.readString(file);
                Matcher p = PACKAGE.matcher(source);
                assertThat(p.find()).as(file.toString()).isTrue();
                String own = p.group(1);
                assertThat(LAYER).as("the layer of " + own).containsKey(own);
                Matcher i = IMPORT.matcher(source);
                while (i.find()) {
                    String used = i.group(1);
                    if (!used.equals(own) && LAYER.getOrDefault(used, 99) >= LAYER.get(own)) {
                        wrong.add(file.getFileName() + " (" + own + ") uses " + used);
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }
}
