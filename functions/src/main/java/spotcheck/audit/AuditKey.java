package spotcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import spotcheck.api.Env;

/**
 * The key of the audit digests: a secret the deployment keeps (template.yaml's AuditDigestKey),
 * named by {@code AUDIT_KEY_SECRET}. Read on the first audit write and kept for the container's
 * life; never at init, so a SnapStart snapshot holds no key and makes no network call.
 */
public final class AuditKey implements Supplier<byte[]> {
    private final Supplier<byte[]> source;
    private volatile byte[] key;

    private AuditKey(Supplier<byte[]> source) {
        this.source = source;
    }

    /** A fixed key (tests, benchmarks). */
    public static AuditKey of(byte[] key) {
        return new AuditKey(() -> key.clone());
    }

    /** The secret named by the environment, read from Secrets Manager on first use. */
    public static AuditKey fromEnvironment() {
        return new AuditKey(() -> {
            String secretId = Env.require("AUDIT_KEY_SECRET");
            try (SecretsManagerClient client = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                return client.getSecretValue(r -> r.secretId(secretId)).secretString()
                        .getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    @Override
    public byte[] get() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = source.get();
                }
                k = key;
            }
        }
        return k;
    }
}
