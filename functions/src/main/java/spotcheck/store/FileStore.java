package spotcheck.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Where uploaded files and reports live (the uploads bucket); an interface so the import core stays testable. */
public interface FileStore {
    /** Copies one version of an object (null: the latest) to a local file; FileNotFoundException when it is gone. */
    void download(String bucket, String key, String versionId, Path to) throws IOException;

    void upload(String bucket, String key, Path from, String contentType) throws IOException;

    void upload(String bucket, String key, byte[] bytes, String contentType);

    /** A URL that lets its holder PUT one object for a while, without credentials. */
    String presignPut(String bucket, String key, Duration validFor);

    /** The size of an object in bytes; FileNotFoundException when it is not there. */
    long size(String bucket, String key) throws IOException;

    /** A URL that lets its holder GET one object for a while. */
    String presignGet(String bucket, String key, Duration validFor);
}
