package spotcheck.local;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModel;
import spotcheck.local.template.TemplateModelTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import spotcheck.core.Digests;

/**
 * The template's audit digest key is made at the first start and kept with the data: a digest
 * written before a restart is still the digest of the same snapshot after it; --reset makes a new key.
 */
class AuditKeyPersistenceTest {
    @TempDir
    Path dir;
    private final int apiPort = Emulator.freePort();

    private LocalStack start(boolean reset) {
        return LocalStack.start(new LocalStack.Options().apiPort(apiPort).dataDir(dir).reset(reset)
                .template(TemplateModelTest.REAL_TEMPLATE).snapshotInterval(Duration.ZERO));
    }

    private static String auditKey(LocalStack stack) {
        TemplateModel.Secret secret = stack.template().secrets().stream()
                .filter(s -> s.logicalId().equals("AuditDigestKey")).findFirst().orElseThrow();
        try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(stack.awsUrl())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.getSecretValue(r -> r.secretId(secret.name())).secretString();
        }
    }

    @Test
    void digestsStayVerifiableAcrossARestartAndResetMakesANewKey() {
        String digest;
        String key;
        try (LocalStack first = start(false)) {
            String admin = first.token("admin-1", "管理员", "hy-forestry", "admin");
            LocalInvoker.Response created = first.invoker(admin).post("/orgs", Map.of("orgId", "keep-1",
                    "name", "河源市林业局", "kind", "bureau"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode trail = first.invoker(admin).get("/audit?entity=org/keep-1").json().get("items");
            assertThat(trail).hasSize(1);
            digest = trail.get(0).get("afterDigest").asText();
            key = auditKey(first);
            assertThat(key).matches("[A-Za-z0-9]{64}");
        }
        try (LocalStack second = start(false)) {
            assertThat(auditKey(second)).isEqualTo(key);
            String admin = second.token("admin-1", "管理员", "hy-forestry", "admin");
            JsonNode org = second.invoker(admin).get("/orgs/keep-1").json();
            assertThat(Digests.hmacSha256(key.getBytes(StandardCharsets.UTF_8), org)).isEqualTo(digest);
        }
        try (LocalStack third = start(true)) {
            assertThat(auditKey(third)).matches("[A-Za-z0-9]{64}").isNotEqualTo(key);
        }
    }
}
