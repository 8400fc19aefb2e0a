package spotcheck.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import spotcheck.core.Env;
import spotcheck.core.Lazy;

/**
 * The uploads bucket through the S3 client; endpoint, region and credentials from the default chains.
 * The client and the presigner are each built on first use: most API requests never touch S3, and
 * building them (and loading the S3 SDK) at init would lengthen every cold start.
 */
public final class S3Files implements FileStore {
    private final Lazy<S3Client> s3;
    private final Lazy<S3Presigner> presigner;

    public S3Files(S3Client s3, S3Presigner presigner) {
        this.s3 = new Lazy<>(() -> s3);
        this.presigner = new Lazy<>(() -> presigner);
    }

    private S3Files(Supplier<S3Client> s3, Supplier<S3Presigner> presigner) {
        this.s3 = new Lazy<>(s3);
        this.presigner = new Lazy<>(presigner);
    }

    /** Reads the endpoint now; builds the client and the presigner when first needed. */
    public static S3Files fromEnvironment() {
        // An emulator (LocalStack, the local stack) answers path-style URLs; AWS gets its default endpoints.
        String endpoint = Env.get("aws.endpointUrl", Env.get("AWS_ENDPOINT_URL", null));
        return new S3Files(() -> client(endpoint), () -> presigner(endpoint));
    }

    private static S3Client client(String endpoint) {
        S3ClientBuilder client = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            client.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return client.build();
    }

    private static S3Presigner presigner(String endpoint) {
        S3Presigner.Builder presigner = S3Presigner.builder();
        if (endpoint != null) {
            presigner.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return presigner.build();
    }

    @Override
    public void download(String bucket, String key, String versionId, Path to) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.get().getObject(b -> b.bucket(bucket).key(key)
                .versionId(versionId))) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("s3://" + bucket + "/" + key + " is not there (deleted before it was read?)");
        }
    }

    @Override
    public long size(String bucket, String key) throws IOException {
        try {
            return s3.get().headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("s3://" + bucket + "/" + key + " is not there");
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                throw new FileNotFoundException("s3://" + bucket + "/" + key + " is not there");
            }
            throw e;
        }
    }

    @Override
    public void upload(String bucket, String key, Path from, String contentType) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(from));
    }

    @Override
    public void upload(String bucket, String key, byte[] bytes, String contentType) {
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public String presignPut(String bucket, String key, Duration validFor) {
        return presigner.get().presignPutObject(p -> p.signatureDuration(validFor)
                .putObjectRequest(r -> r.bucket(bucket).key(key))).url().toString();
    }

    @Override
    public String presignGet(String bucket, String key, Duration validFor) {
        return presigner.get().presignGetObject(p -> p.signatureDuration(validFor)
                .getObjectRequest(r -> r.bucket(bucket).key(key))).url().toString();
    }
}
