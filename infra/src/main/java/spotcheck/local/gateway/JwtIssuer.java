package spotcheck.local.gateway;

import spotcheck.local.support.Console;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The local stack's identity provider, standing in for the Cognito user pool behind API
 * Gateway's JWT authorizer: it signs RS256 tokens with a key kept in the data directory (so
 * tokens survive a restart) and verifies them as the authorizer does (signature, exp, nbf,
 * iss, aud) before a request reaches a function.
 */
public final class JwtIssuer {
    public static final String AUDIENCE = "spotcheck-local";
    /** The roles a token may carry (specs/api.md). */
    public static final List<String> ROLES = List.of("admin", "operator", "inspector", "county", "auditor");
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);
    static final Duration MAX_TTL = Duration.ofDays(30);
    static final String KEY_FILE = "jwt-signing-key.json";

    private final RSAKey key;
    private final String issuer;
    private final RSASSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** A token the authorizer accepted: its claims (JSON types) and scopes. */
    public record Verified(Map<String, Object> claims, List<String> scopes) { }

    /** A token the authorizer refused; {@code reason} goes into the WWW-Authenticate header. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private JwtIssuer(RSAKey key, String issuer) throws JOSEException {
        this.key = key;
        this.issuer = issuer;
        this.signer = new RSASSASigner(key);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub"));
        // One machine, one clock: an expired token is refused at once.
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Loads the signing key from {@code dataDir}, creating it on first use. */
    public static JwtIssuer open(Path dataDir, String issuerUrl) {
        try {
            Path file = dataDir.resolve(KEY_FILE);
            RSAKey key = null;
            if (Files.exists(file)) {
                try {
                    key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                } catch (ParseException e) {
                    Console.warn("the signing key in the data directory is unreadable; a new one is made");
                }
            }
            if (key == null) {
                key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
                writePrivate(file, key.toJSONString());
            }
            return new JwtIssuer(key, issuerUrl);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot set up the local JWT issuer", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** A token for the API, as Cognito would issue it for a signed-in user. */
    public String token(String sub, String name, String org, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(AUDIENCE).subject(sub)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(roles));
        if (name != null) {
            claims.claim("name", name);
        }
        if (org != null) {
            claims.claim("org", org);
        }
        return sign(claims.build());
    }

    /** Signs any claims with the stack's key; tests use it for expired or foreign-audience tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** Checks a token as API Gateway's JWT authorizer does. */
    public Verified verify(String token) throws Rejected {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            List<String> scopes = null;
            Object scope = claims.getClaim("scope");
            Object scp = claims.getClaim("scp");
            if (scope instanceof String s && !s.isBlank()) {
                scopes = List.of(s.trim().split("\\s+"));
            } else if (scp instanceof List<?> l) {
                scopes = l.stream().map(String::valueOf).toList();
            }
            return new Verified(claims.toJSONObject(), scopes);
        } catch (BadJWTException e) {
            String message = String.valueOf(e.getMessage());
            throw new Rejected(message.toLowerCase().contains("expired") ? "the token has expired"
                    : "the token is not valid for this API");
        } catch (ParseException e) {
            throw new Rejected("the token is malformed");
        } catch (BadJOSEException | JOSEException e) {
            throw new Rejected("the token signature is invalid");
        }
    }

    /** The public key set, served at {@code /local/.well-known/jwks.json}. */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** The discovery document, served at {@code /local/.well-known/openid-configuration}. */
    public Map<String, Object> openIdConfiguration() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("claims_supported", List.of("sub", "name", "org", "roles", "iss", "aud", "exp", "iat"));
        return doc;
    }

    /**
     * Checks a {@code POST /local/token} body: {@code sub} required, {@code roles} a non-empty array of
     * known roles, {@code name} and {@code org} strings, {@code ttlSeconds} a positive integer.
     * Answers the problems as (field, message) pairs, none when the request is good.
     */
    public static List<String[]> validate(Map<String, Object> body) {
        List<String[]> problems = new ArrayList<>();
        for (String field : body.keySet()) {
            if (!Set.of("sub", "name", "org", "roles", "ttlSeconds").contains(field)) {
                problems.add(new String[] {field, "unknown field; allowed: sub, name, org, roles, ttlSeconds"});
            }
        }
        Object sub = body.get("sub");
        if (!(sub instanceof String s) || s.isBlank()) {
            problems.add(new String[] {"sub", "required: the user's id, a non-empty string"});
        }
        for (String field : List.of("name", "org")) {
            if (body.get(field) != null && !(body.get(field) instanceof String)) {
                problems.add(new String[] {field, "must be a string"});
            }
        }
        Object roles = body.get("roles");
        if (!(roles instanceof List<?> list) || list.isEmpty()) {
            problems.add(new String[] {"roles", "required: a non-empty array of " + String.join(", ", ROLES)});
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!ROLES.contains(list.get(i))) {
                    problems.add(new String[] {"roles[" + i + "]", "unknown role; one of " + String.join(", ", ROLES)});
                }
            }
        }
        Object ttl = body.get("ttlSeconds");
        if (ttl != null) {
            long seconds = ttl instanceof Integer || ttl instanceof Long ? ((Number) ttl).longValue() : -1;
            if (seconds < 1 || seconds > MAX_TTL.toSeconds()) {
                problems.add(new String[] {"ttlSeconds", "must be an integer from 1 to " + MAX_TTL.toSeconds()});
            }
        }
        return problems;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
