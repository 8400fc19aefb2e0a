package spotcheck.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The uploads bucket in memory, for the services that keep files there. */
public final class MemoryFiles implements FileStore {
    public final Map<String, byte[]> files = new HashMap<>();

    @Override
    public void download(String bucket, String key, String versionId, Path to) throws IOException {
        byte[] bytes = files.get(key);
        if (bytes == null) {
            throw new FileNotFoundException(key);
        }
        Files.write(to, bytes);
    }

    @Override
    public void upload(String bucket, String key, Path from, String contentType) throws IOException {
        files.put(key, Files.readAllBytes(from));
    }

    @Override
    public void upload(String bucket, String key, byte[] bytes, String contentType) {
        files.put(key, bytes);
    }

    @Override
    public long size(String bucket, String key) throws IOException {
        byte[] bytes = files.get(key);
        if (bytes == null) {
            throw new FileNotFoundException(key);
        }
        return bytes.length;
    }

    @Override
    public String presignPut(String bucket, String key, Duration validFor) {
        return "memory://" + key;
    }

    @Override
    public String presignGet(String bucket, String key, Duration validFor) {
        return "memory://" + key;
    }
}
