package spotcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's small rules: ids, environment, clock, log lines, JSON type messages, roles from claims. */
class KernelRulesTest {
    private static final String PROPERTY = "SPOTCHECK_KERNEL_TEST";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
        System.clearProperty("SPOTCHECK_CLOCK_OFFSET");
        Log.redirect(System.out);
    }

    @Test
    void randomIdsArePrefixAndCrockfordLettersOfTheAskedLength() {
        String id = Ids.random("ITEM-", 10);
        assertThat(id).matches("ITEM-[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(Ids.random("", 26)).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(Ids.random("IMP-", 16)).isNotEqualTo(Ids.random("IMP-", 16));
    }

    @Test
    void derivedIdsAreTheFirstSixteenSha256BytesInCrockfordLetters() {
        // python3: A='0123456789ABCDEFGHJKMNPQRSTVWXYZ'; ''.join(A[b % 32] for b in sha256(key).digest()[:16])
        assertThat(Ids.derived("IMP-", "spotcheck-uploads\nimports/targets/a.csv\nv1")).isEqualTo("IMP-RSCQSWWP7DWG09B9");
        assertThat(Ids.derived("IMP-", "")).isEqualTo("IMP-3G42RWWMTVM8SFS4");
    }

    @Test
    void aPropertyWinsOverTheEnvironmentAndBlankMeansUnset() {
        assertThat(Env.get(PROPERTY, "fallback")).isEqualTo("fallback");
        System.setProperty(PROPERTY, "from-property");
        assertThat(Env.get(PROPERTY, "fallback")).isEqualTo("from-property");
        assertThat(Env.require(PROPERTY)).isEqualTo("from-property");
        System.setProperty(PROPERTY, "  ");
        assertThat(Env.get(PROPERTY, "fallback")).isEqualTo("fallback");
        System.setProperty("PATH", " ");
        try {
            assertThat(Env.get("PATH", "fallback")).isEqualTo(System.getenv("PATH"));
        } finally {
            System.clearProperty("PATH");
        }
        assertThatThrownBy(() -> Env.require(PROPERTY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Environment variable " + PROPERTY + " is not set");
    }

    @Test
    void theClockIsTheSystemClockShiftedByTheConfiguredOffset() {
        Instant before = Instant.now();
        assertThat(Duration.between(before, Env.clock().instant()).abs()).isLessThan(Duration.ofSeconds(5));
        System.setProperty("SPOTCHECK_CLOCK_OFFSET", "P30D");
        assertThat(Duration.between(before.plus(Duration.ofDays(30)), Env.clock().instant()).abs())
                .isLessThan(Duration.ofSeconds(5));
        System.setProperty("SPOTCHECK_CLOCK_OFFSET", "30 days");
        assertThatThrownBy(Env::clock).isInstanceOf(IllegalStateException.class)
                .hasMessage("SPOTCHECK_CLOCK_OFFSET is not an ISO-8601 duration: 30 days");
    }

    @Test
    void logLinesAreJsonWithLevelEventRequestIdAndTheGivenPairs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Log.info("import.done", "req-1", "rows", 3, "importId", "IMP-1");
        Log.warn("slow", null, "ms", 900, "dangling");
        Log.error("unhandled", "req-2");
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(3);
        JsonNode info = Json.MAPPER.readTree(lines[0]);
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("event").asText()).isEqualTo("import.done");
        assertThat(info.path("requestId").asText()).isEqualTo("req-1");
        assertThat(info.path("rows").asInt()).isEqualTo(3);
        assertThat(info.path("importId").asText()).isEqualTo("IMP-1");
        assertThat(Instant.parse(info.path("time").asText())).isNotNull();
        JsonNode warn = Json.MAPPER.readTree(lines[1]);
        assertThat(warn.path("level").asText()).isEqualTo("WARN");
        assertThat(warn.has("requestId")).isFalse();
        assertThat(warn.has("dangling")).isFalse();
        assertThat(warn.path("ms").asInt()).isEqualTo(900);
        JsonNode error = Json.MAPPER.readTree(lines[2]);
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.size()).isEqualTo(4);
    }

    /** Fields of every kind the API's bodies have. */
    record Probe(String name, int count, Long total, boolean publish, Boolean exempt, List<String> tags,
                 LocalDate day, Map<String, String> extra) { }

    private static DomainException failure(String json) {
        try {
            Json.read(json.getBytes(StandardCharsets.UTF_8), Probe.class);
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aWrongTypeSaysWhatTheFieldExpects() {
        assertThat(failure("{\"name\":[1]}").getMessage()).isEqualTo("Field 'name' has the wrong type: a string is expected");
        assertThat(failure("{\"count\":\"3\"}").getMessage())
                .isEqualTo("Field 'count' has the wrong type: a whole number is expected");
        assertThat(failure("{\"total\":true}").getMessage())
                .isEqualTo("Field 'total' has the wrong type: a whole number is expected");
        assertThat(failure("{\"publish\":\"yes\"}").getMessage())
                .isEqualTo("Field 'publish' has the wrong type: true or false is expected");
        assertThat(failure("{\"exempt\":1}").getMessage())
                .isEqualTo("Field 'exempt' has the wrong type: true or false is expected");
        assertThat(failure("{\"tags\":\"a\"}").getMessage())
                .isEqualTo("Field 'tags' has the wrong type: an array is expected");
        assertThat(failure("{\"extra\":[]}").getMessage()).isEqualTo("Field 'extra' has the wrong type");
        DomainException e = failure("{\"count\":\"3\"}");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.details()).containsExactly(new DomainException.Detail("count",
                "Field 'count' has the wrong type: a whole number is expected"));
    }

    @Test
    void domainErrorsCarryTheirKindsCode() {
        DomainException tooLarge = DomainException.tooLarge("over 256 KiB");
        assertThat(tooLarge.kind()).isEqualTo(DomainException.Kind.TOO_LARGE);
        assertThat(tooLarge.code()).isEqualTo("payload_too_large");
        assertThat(tooLarge.details()).isEmpty();
        DomainException own = new DomainException(DomainException.Kind.INVALID, "calendar_missing", "no 2027", null);
        assertThat(own.code()).isEqualTo("calendar_missing");
        assertThat(own.kind().code()).isEqualTo("invalid");
        assertThat(DomainException.conflict("x").code()).isEqualTo("conflict");
        assertThat(DomainException.notFound("x").code()).isEqualTo("not_found");
        assertThat(DomainException.forbidden("x").code()).isEqualTo("forbidden");
        assertThat(DomainException.unauthorized("x").code()).isEqualTo("unauthorized");
        assertThat(DomainException.malformed("x").code()).isEqualTo("malformed_request");
    }

    @Test
    void rolesAreReadFromEveryFormAClaimArrivesIn() {
        assertThat(Principal.parseRoles("[admin operator]")).isEqualTo(EnumSet.of(Role.ADMIN, Role.OPERATOR));
        assertThat(Principal.parseRoles("[\"county\",\"auditor\"]")).isEqualTo(EnumSet.of(Role.COUNTY, Role.AUDITOR));
        assertThat(Principal.parseRoles("inspector, Operator")).isEqualTo(EnumSet.of(Role.INSPECTOR, Role.OPERATOR));
        assertThat(Principal.parseRoles("[superuser]")).isEmpty();
        assertThat(Principal.parseRoles(null)).isEmpty();
        Principal p = Principal.fromClaims(Map.of("sub", "u1", "roles", "[county]", "org", "dongyuan"));
        assertThat(p.roles()).isEqualTo(Set.of(Role.COUNTY));
        assertThat(p.org()).isEqualTo("dongyuan");
        assertThat(p.name()).isEmpty();
    }
}
