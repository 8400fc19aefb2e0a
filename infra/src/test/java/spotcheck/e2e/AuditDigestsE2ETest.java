package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An auditor sees a target's phone masked ({@code 139****5678}) and the digests of its audit
 * trail. With a plain hash of the snapshot the 10,000 completions of the mask would give the phone
 * back; the digests are keyed, so none of them matches without the deployment's key.
 */
class AuditDigestsE2ETest extends WorldTest {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Test
    void theAuditTrailGivesNoWayToCompleteAMaskedPhone() throws Exception {
        String code = w.newCreditCode();
        Map<String, Object> body = World.target(w.county, "东源县某林产品公司 " + code, code);
        body.put("contactPhone", "13912345678");
        Api.Reply created = api.post("/targets", w.adminToken, Api.json(body));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        JsonNode masked = api.get("/targets/" + code, w.auditor).json();
        assertThat(masked.get("contactPhone").asText()).isEqualTo("139****5678");
        JsonNode trail = api.get("/audit?entity=target/" + code, w.auditor).json().get("items");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).get("action").asText()).isEqualTo("create");
        String afterDigest = trail.get(0).get("afterDigest").asText();
        assertThat(afterDigest).matches("[0-9a-f]{64}");

        byte[] wrongKey = "not-the-deployment-key".getBytes(StandardCharsets.UTF_8);
        byte[] truth = canonical(api.get("/targets/" + code, w.adminToken).json());
        List<byte[]> guesses = new ArrayList<>();
        for (int middle = 0; middle < 10_000; middle++) {
            ObjectNode guess = masked.deepCopy();
            guess.put("contactPhone", "139" + String.format("%04d", middle) + "5678");
            guesses.add(canonical(guess));
        }
        // The guesses are the attack done right: the true snapshot is among them.
        assertThat(guesses.stream().filter(g -> Arrays.equals(g, truth)).count()).isEqualTo(1);
        assertThat(guesses.stream().filter(g -> sha256(g).equals(afterDigest)).count()).isZero();
        assertThat(guesses.stream().filter(g -> hmac(wrongKey, g).equals(afterDigest)).count()).isZero();

        // With the deployment's key the digest still proves the snapshot.
        assertThat(trail.get(0).get("digestAlg").asText()).isEqualTo("HMAC-SHA256");
        byte[] key = auditKey();
        assertThat(hmac(key, truth)).isEqualTo(afterDigest);
        assertThat(guesses.stream().filter(g -> hmac(key, g).equals(afterDigest)).count()).isEqualTo(1);
    }

    /** The deployment's key, as the functions read it: the secret the template declares. */
    private static byte[] auditKey() {
        String secret = System.getProperty("AUDIT_KEY_SECRET");
        assertThat(secret).isNotBlank();
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.getSecretValue(r -> r.secretId(secret)).secretString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The snapshot as JSON with sorted keys, computed here without the functions' code. */
    static byte[] canonical(JsonNode snapshot) throws Exception {
        return CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(snapshot, Object.class));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmac(byte[] key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
