package spotcheck.local.emulator;

import spotcheck.local.template.TemplateModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values for the template's generated secrets, as Secrets Manager makes them at a deploy: random,
 * made at the first start and kept under the data directory ({@code secrets/LOGICALID}, readable by
 * the owner only), so the audit digests written before a restart can still be checked after it.
 * {@code --reset} discards them with the data.
 */
public final class LocalSecrets {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Secrets Manager's punctuation set, less the quote and backslash characters. */
    private static final String PUNCTUATION = "!#$%&()*+,-./:;<=>?@[]^_`{|}~";

    private LocalSecrets() { }

    public static Path dir(Path dataDir) {
        return dataDir.resolve("secrets");
    }

    /** The value of every secret: the kept one, or a new one kept from now on. */
    public static Map<TemplateModel.Secret, String> values(Path dataDir, List<TemplateModel.Secret> secrets) {
        Map<TemplateModel.Secret, String> values = new LinkedHashMap<>();
        try {
            Path dir = dir(dataDir);
            Files.createDirectories(dir);
            for (TemplateModel.Secret s : secrets) {
                Path file = dir.resolve(s.logicalId());
                if (!Files.exists(file)) {
                    writePrivately(file, generate(s));
                }
                values.put(s, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the template's secrets under " + dataDir, e);
        }
        return values;
    }

    static String generate(TemplateModel.Secret secret) {
        String alphabet = secret.excludePunctuation() ? ALPHANUMERIC : ALPHANUMERIC + PUNCTUATION;
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder(secret.length());
        for (int i = 0; i < secret.length(); i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private static void writePrivately(Path file, String value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, value, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
