package spotcheck.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spotcheck.store.Tables;

public class TemplateModelTest {
    /** The repository's template: tests run in infra/, the template is one level up. */
    public static final Path REAL_TEMPLATE = Path.of("..", "template.yaml");

    public static Path testTemplate() {
        try {
            return Path.of(TemplateModelTest.class.getResource("/spotcheck/local/front-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheTablesOfTheRealTemplate() {
        TemplateModel model = TemplateModel.load(REAL_TEMPLATE);

        assertThat(model.tables()).extracting(TemplateModel.Table::logicalId).contains("DataTable", "AuditTable");
        TemplateModel.Table data = model.table("DataTable").orElseThrow();
        assertThat(data.name()).isEqualTo("spotcheck-local-DataTable");
        assertThat(data.keySchema()).containsExactly(new TemplateModel.KeyElement("pk", "HASH"),
                new TemplateModel.KeyElement("sk", "RANGE"));
        assertThat(data.globalIndexes()).extracting(TemplateModel.Index::name).contains(Tables.BY_KIND_INDEX);
        assertThat(model.table("AuditTable").orElseThrow().keySchema()).extracting(TemplateModel.KeyElement::keyType)
                .containsExactly("HASH", "RANGE");
        // Every key attribute, the indexes' included, is declared: moto would refuse the table otherwise.
        for (TemplateModel.Table t : model.tables()) {
            List<String> declared = t.attributes().stream().map(TemplateModel.Attribute::name).toList();
            assertThat(t.keySchema()).extracting(TemplateModel.KeyElement::attribute).isSubsetOf(declared);
            for (TemplateModel.Index i : t.globalIndexes()) {
                assertThat(i.keySchema()).extracting(TemplateModel.KeyElement::attribute).isSubsetOf(declared);
                assertThat(i.projectionType()).isIn("ALL", "KEYS_ONLY", "INCLUDE");
            }
        }
    }

    /**
     * The draw's candidate pool projects exactly what a {@link spotcheck.pool.Candidate} is read from, keyed by
     * the attributes a target writes for it, and never a private field.
     */
    @Test
    void theCandidatePoolIndexProjectsTheCandidateAndNothingPrivate() {
        TemplateModel.Index pool = TemplateModel.load(REAL_TEMPLATE).table("DataTable").orElseThrow().globalIndexes()
                .stream().filter(i -> i.name().equals(Tables.BY_POOL_INDEX)).findFirst().orElseThrow();
        assertThat(pool.keySchema()).containsExactly(new TemplateModel.KeyElement(spotcheck.roster.Target.POOL_KEY,
                "HASH"), new TemplateModel.KeyElement("entitySort", "RANGE"));
        assertThat(pool.projectionType()).isEqualTo("INCLUDE");
        assertThat(pool.nonKeyAttributes()).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(
                spotcheck.pool.Candidate.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(pool.nonKeyAttributes()).doesNotContain("name", "legalRep", "address", "contactPhone", "idNumber",
                "creditCode");
    }

    @Test
    void namesTheBucketValidly() {
        TemplateModel model = TemplateModel.load(REAL_TEMPLATE);

        assertThat(model.primaryBucket()).hasValueSatisfying(b -> {
            assertThat(b.logicalId()).isEqualTo("UploadsBucket");
            assertThat(b.name()).isEqualTo("spotcheck-uploads-123456789012-us-east-1").matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        });
    }

    @Test
    void readsTheApiFunctionWithItsLocalEnvironment() {
        TemplateModel model = TemplateModel.load(REAL_TEMPLATE);

        TemplateModel.Function api = model.function("ApiFunction").orElseThrow();
        assertThat(api.handler()).isEqualTo("spotcheck.handlers.ApiHandler::handleRequest");
        assertThat(api.autoPublishAlias()).isEqualTo("live");
        assertThat(api.timeoutSeconds()).isEqualTo(29);
        assertThat(api.memorySize()).isEqualTo(1024);
        assertThat(api.environment()).containsEntry("DATA_TABLE", "spotcheck-local-DataTable")
                .containsEntry("AUDIT_TABLE", "spotcheck-local-AuditTable")
                .containsEntry("UPLOADS_BUCKET", "spotcheck-uploads-123456789012-us-east-1");
    }

    @Test
    void readsTheRoutesFromTheIncludedOpenApiDocument() {
        TemplateModel model = TemplateModel.load(REAL_TEMPLATE);

        assertThat(model.routes()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.function()).isEqualTo("ApiFunction");
            assertThat(r.payloadFormatVersion()).isEqualTo("2.0");
        });
        assertThat(model.routes()).filteredOn(r -> r.key().equals("GET /health")).singleElement()
                .satisfies(r -> assertThat(r.isPublic()).isTrue());
        assertThat(model.routes()).filteredOn(r -> r.key().equals("GET /audit")).singleElement()
                .satisfies(r -> assertThat(r.isPublic()).isFalse());
        assertThat(model.routes()).extracting(TemplateModel.Route::key)
                .contains("GET /calendar/working-days/add", "GET /calendar/{year}");
        TemplateModel.HttpApi api = model.httpApis().get(0);
        assertThat(api.identityHeader()).isEqualTo("authorization");
        assertThat(api.cors().allowOrigins()).isEmpty();
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void corsOriginsAreTheDeployersOwnWithNoneByDefault() {
        TemplateModel named = TemplateModel.load(REAL_TEMPLATE, TemplateModel.DEFAULT_PREFIX,
                Map.of("CorsAllowedOrigins", "https://spotcheck.hy.example.gov.cn, http://localhost:5173"));
        TemplateModel none = TemplateModel.load(REAL_TEMPLATE, TemplateModel.DEFAULT_PREFIX,
                Map.of("CorsAllowedOrigins", ""));

        assertThat(named.httpApis().get(0).cors().allowOrigins())
                .containsExactly("https://spotcheck.hy.example.gov.cn", "http://localhost:5173");
        assertThat(none.httpApis().get(0).cors().allowOrigins()).isEmpty();
        assertThat(none.warnings()).isEmpty();
    }

    @Test
    void resolvesShortTagsConditionsAndGlobals() {
        TemplateModel model = TemplateModel.load(testTemplate());

        assertThat(model.tables()).extracting(TemplateModel.Table::name).containsExactly("spotcheck-local-things");
        assertThat(model.table("Things").orElseThrow().ttlAttribute()).isEqualTo("expiresAt");
        assertThat(model.primaryBucket().orElseThrow().name()).isEqualTo("spotcheck-local-files");

        TemplateModel.Function echo = model.function("EchoFunction").orElseThrow();
        assertThat(echo.environment())
                .containsEntry("TABLE", "spotcheck-local-things")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/spotcheck-local-things")
                .containsEntry("BUCKET", "spotcheck-local-files")
                .containsEntry("BUCKET_OBJECTS", "arn:aws:s3:::spotcheck-local-files/*")
                .containsEntry("JOINED", "a-test")
                .containsEntry("CHOSEN", "yes-test")
                .containsEntry("SINCE", "2024-01-01")
                .containsEntry("OWN", "mine")
                .doesNotContainKey("NEEDS_PARAM");
        assertThat(echo.timeoutSeconds()).isEqualTo(10);
        assertThat(model.function("TypedFunction").orElseThrow().memorySize()).isEqualTo(256);
        assertThat(model.function("SlowFunction").orElseThrow().timeoutSeconds()).isEqualTo(1);
        assertThat(model.warnings()).anyMatch(w -> w.contains("NEEDS_PARAM"))
                .anyMatch(w -> w.contains("/elsewhere"));
    }

    @Test
    void modelsS3AndScheduleEvents() {
        TemplateModel model = TemplateModel.load(testTemplate());

        assertThat(model.function("ImportFunction").orElseThrow().s3Triggers()).singleElement().isEqualTo(
                new TemplateModel.S3Trigger("Upload", "Files", List.of("s3:ObjectCreated:*"), "imports/", ".csv"));
        List<TemplateModel.ScheduleTrigger> schedules = model.function("ReminderFunction").orElseThrow().schedules();
        assertThat(schedules).containsExactly(
                new TemplateModel.ScheduleTrigger("Daily", "daily-reminders", "cron(0 9 * * ? *)", "Asia/Shanghai",
                        "{\"kind\":\"daily\"}", true),
                new TemplateModel.ScheduleTrigger("Hourly", null, "rate(1 hour)", null, null, false));
        assertThat(model.function("ReminderFunction").orElseThrow().events())
                .extracting(TemplateModel.Event::type).containsExactly("ScheduleV2", "Schedule");
    }

    @Test
    void modelsQueuesDeadLetterQueuesAndVersionedBuckets() throws URISyntaxException {
        TemplateModel model = TemplateModel.load(Path.of(TemplateModelTest.class.getResource("/spotcheck/local/s3-template.yaml")
                .toURI()));

        assertThat(model.queues()).singleElement().satisfies(q -> {
            assertThat(q.logicalId()).isEqualTo("ImportDlq");
            assertThat(q.name()).isEqualTo("spotcheck-local-ImportDlq");
            assertThat(q.attributes()).containsExactly(Map.entry("MessageRetentionPeriod", "1209600"));
        });
        assertThat(model.function("FailingFunction").orElseThrow().deadLetterQueue()).isEqualTo(new TemplateModel
                .DeadLetterQueue("SQS", "arn:aws:sqs:us-east-1:123456789012:spotcheck-local-ImportDlq"));
        assertThat(model.function("ImportFunction").orElseThrow().deadLetterQueue()).isNull();
        assertThat(model.bucket("Uploads").orElseThrow().versioned()).isTrue();
        assertThat(model.bucket("Scratch").orElseThrow().versioned()).isFalse();
        assertThat(TemplateModel.load(REAL_TEMPLATE).primaryBucket().orElseThrow().versioned()).isTrue();
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void findsTheFunctionBehindEachIntegration() {
        TemplateModel model = TemplateModel.load(testTemplate());
        Map<String, String> functionByRoute = new java.util.HashMap<>();
        model.routes().forEach(r -> functionByRoute.put(r.key(), String.valueOf(r.function())));

        assertThat(functionByRoute)
                .containsEntry("GET /echo/{id}", "EchoFunction")       // ${EchoFunctionAliaslive}
                .containsEntry("GET /typed/{id}", "TypedFunction")     // ${TypedFunction.Arn}
                .containsEntry("GET /plain", "PlainFunction")          // Fn::Sub variable map with GetAtt
                .containsEntry("ANY /files/{path+}", "TypedFunction")
                .containsEntry("GET /hello", "HelloFunction")          // an HttpApi event
                .containsEntry("GET /elsewhere", "null");              // not a Lambda integration
        assertThat(model.routes()).filteredOn(r -> r.key().equals("GET /scoped")).singleElement()
                .satisfies(r -> assertThat(r.scopes()).containsExactly("things.write"));
        assertThat(model.routes()).filteredOn(r -> r.key().equals("GET /hello")).singleElement()
                .satisfies(r -> assertThat(r.isPublic()).isTrue());
        assertThat(model.routes()).filteredOn(r -> r.key().equals("GET /slower")).singleElement()
                .satisfies(r -> assertThat(r.timeoutMillis()).isEqualTo(300));
    }

    @Test
    void bucketNamesStayWithinS3Rules() {
        TemplateModel model = TemplateModel.load(testTemplate(), "A_Very_Long_Prefix_That_Keeps_Going_And_Going"
                + "_Beyond_Sixty_Three_Characters", Map.of());
        assertThat(model.primaryBucket().orElseThrow().name()).hasSizeBetween(3, 63)
                .matches("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    }
}
