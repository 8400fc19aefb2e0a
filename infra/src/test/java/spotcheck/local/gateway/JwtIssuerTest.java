package spotcheck.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class JwtIssuerTest {
    static final String ISSUER = "http://127.0.0.1:3000/local";

    @TempDir
    Path dir;

    /** Claims that pass, to be spoiled one at a time. */
    public static JWTClaimsSet.Builder good(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(JwtIssuer.AUDIENCE).subject("u1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of("auditor"));
    }

    /** Signed with a key of its own that claims the issuer's key id: the signature cannot match. */
    @SuppressWarnings("unchecked")
    public static String forged(JwtIssuer issuer, JWTClaimsSet claims) throws Exception {
        String kid = (String) ((List<Map<String, Object>>) issuer.jwks().get("keys")).get(0).get("kid");
        RSAKey other = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(other));
        return jwt.serialize();
    }

    @Test
    void issuedTokensVerifyWithTheirClaims() throws Exception {
        JwtIssuer issuer = JwtIssuer.open(dir, ISSUER);
        String token = issuer.token("u1", "张三", "hy-forestry", List.of("admin", "operator"), Duration.ofHours(1));

        JwtIssuer.Verified verified = issuer.verify(token);
        assertThat(verified.claims()).containsEntry("sub", "u1").containsEntry("name", "张三")
                .containsEntry("org", "hy-forestry").containsEntry("iss", ISSUER)
                .containsEntry("roles", List.of("admin", "operator"));
        assertThat(verified.scopes()).isNull();
    }

    @Test
    void theKeyIsKeptSoTokensSurviveARestart() throws Exception {
        String token = JwtIssuer.open(dir, ISSUER).token("u1", null, null, List.of("admin"), Duration.ofHours(1));

        JwtIssuer again = JwtIssuer.open(dir, ISSUER);
        assertThat(again.verify(token).claims()).containsEntry("sub", "u1");
        assertThat(dir.resolve(JwtIssuer.KEY_FILE)).exists();
    }

    @Test
    void expiredTokensAreRefused() {
        JwtIssuer issuer = JwtIssuer.open(dir, ISSUER);
        Instant past = Instant.now().minusSeconds(60);
        String token = issuer.sign(good(ISSUER).issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past)).build());

        assertThatThrownBy(() -> issuer.verify(token)).isInstanceOf(JwtIssuer.Rejected.class)
                .hasMessageContaining("expired");
    }

    @Test
    void wrongSignatureAudienceOrIssuerIsRefused() throws Exception {
        JwtIssuer issuer = JwtIssuer.open(dir, ISSUER);

        assertThat(issuer.verify(issuer.sign(good(ISSUER).build())).claims()).containsEntry("sub", "u1");
        assertThatThrownBy(() -> issuer.verify(forged(issuer, good(ISSUER).build())))
                .isInstanceOf(JwtIssuer.Rejected.class);
        assertThatThrownBy(() -> issuer.verify(issuer.sign(good(ISSUER).audience("someone-else").build())))
                .isInstanceOf(JwtIssuer.Rejected.class);
        assertThatThrownBy(() -> issuer.verify(issuer.sign(good("https://elsewhere.example").build())))
                .isInstanceOf(JwtIssuer.Rejected.class);
        assertThatThrownBy(() -> issuer.verify("not.a.token")).isInstanceOf(JwtIssuer.Rejected.class);
    }

    @Test
    void tokenRequestsAreValidated() {
        assertThat(JwtIssuer.validate(Map.of("sub", "u1", "roles", List.of("admin")))).isEmpty();
        assertThat(JwtIssuer.validate(Map.of("sub", "u1", "name", "n", "org", "o", "roles",
                List.of("county", "auditor"), "ttlSeconds", 60))).isEmpty();

        assertThat(JwtIssuer.validate(Map.of("roles", List.of("admin")))).extracting(p -> p[0])
                .containsExactly("sub");
        assertThat(JwtIssuer.validate(Map.of("sub", "u1", "roles", List.of()))).extracting(p -> p[0])
                .containsExactly("roles");
        assertThat(JwtIssuer.validate(Map.of("sub", "u1", "roles", "admin"))).extracting(p -> p[0])
                .containsExactly("roles");
        assertThat(JwtIssuer.validate(Map.of("sub", "u1", "roles", List.of("admin", "boss")))).extracting(p -> p[0])
                .containsExactly("roles[1]");
        assertThat(JwtIssuer.validate(Map.of("sub", "", "roles", List.of("admin"), "ttlSeconds", 0, "x", 1)))
                .extracting(p -> p[0]).containsExactlyInAnyOrder("sub", "ttlSeconds", "x");
    }

    @Test
    void publishesItsKeysAndDiscoveryDocument() {
        JwtIssuer issuer = JwtIssuer.open(dir, ISSUER);

        assertThat((List<?>) issuer.jwks().get("keys")).singleElement().satisfies(k -> {
            Map<?, ?> key = (Map<?, ?>) k;
            assertThat(key.get("kty")).isEqualTo("RSA");
            assertThat(key.get("alg")).isEqualTo("RS256");
            assertThat(key.containsKey("d")).as("private part published").isFalse();
        });
        assertThat(issuer.openIdConfiguration()).containsEntry("issuer", ISSUER)
                .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json");
    }
}
