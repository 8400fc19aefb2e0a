package spotcheck.local.template;

import static spotcheck.local.template.Nodes.intOr;
import static spotcheck.local.template.Nodes.list;
import static spotcheck.local.template.Nodes.map;
import static spotcheck.local.template.Nodes.props;
import static spotcheck.local.template.Nodes.str;
import static spotcheck.local.template.Nodes.merge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack needs from template.yaml, resolved for one machine: the tables
 * and buckets to create (with local physical names), the functions (handler, merged
 * environment with every {@code Ref} turned into a local name, memory, timeout, events)
 * and the HTTP API routes read from the OpenAPI document the template includes.
 *
 * <p>It reads the template generically, so that resources added by later issues
 * (an import function on S3 events, a scheduled function) appear here without changes.
 * Anything it cannot resolve locally is reported in {@link #warnings()}, not fatal.
 */
public final class TemplateModel {
    /** The region the stack tells every SDK client; moto serves any. */
    public static final String REGION = "us-east-1";
    /** moto's default account, so ARNs built here match the ones moto returns. */
    public static final String ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_PREFIX = "spotcheck-local";
    /** SAM's default when a function sets no Timeout / MemorySize. */
    private static final int SAM_DEFAULT_TIMEOUT = 3;
    private static final int SAM_DEFAULT_MEMORY = 128;
    /** The queue attributes CreateQueue takes, from the template's properties of the same names. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("ContentBasedDeduplication", "DelaySeconds",
            "FifoQueue", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
            "VisibilityTimeout");

    // ---- the model ------------------------------------------------------------------

    public record Attribute(String name, String type) { }

    public record KeyElement(String attribute, String keyType) { }

    public record Index(String name, List<KeyElement> keySchema, String projectionType,
                        List<String> nonKeyAttributes) { }

    /** A DynamoDB table. {@code name} is the local physical name. */
    public record Table(String logicalId, String name, List<Attribute> attributes, List<KeyElement> keySchema,
                        List<Index> globalIndexes, List<Index> localIndexes, String ttlAttribute) { }

    /**
     * An S3 bucket. {@code name} is the local physical name (3–63 characters, DNS-safe); {@code versioned}
     * when the template enables versioning, so objects (and the S3 events about them) carry version ids.
     */
    public record Bucket(String logicalId, String name, boolean versioned) { }

    /**
     * An SQS queue. {@code name} is the local physical name; {@code attributes} are the SQS attributes the
     * template sets (VisibilityTimeout, MessageRetentionPeriod, FifoQueue...), as CreateQueue takes them.
     */
    public record Queue(String logicalId, String name, Map<String, String> attributes) { }

    /**
     * A secret the template has Secrets Manager generate ({@code GenerateSecretString}): its
     * length and whether punctuation is left out; the local stack makes the value itself.
     */
    /** An SNS topic, by its local name (the template's TopicName, or the stack prefix and logical id) and ARN. */
    public record Topic(String logicalId, String name, String arn) { }

    public record Secret(String logicalId, String name, int length, boolean excludePunctuation) { }

    /** Where Lambda puts an asynchronous event it gave up on: {@code type} SQS or SNS, the target's ARN. */
    public record DeadLetterQueue(String type, String targetArn) { }

    /**
     * An event source of a function as declared: {@code type} is SAM's (S3, Schedule, ScheduleV2, HttpApi, SQS,
     * ...); {@code properties} as written, intrinsics in long form and unresolved.
     */
    public record Event(String name, String type, Map<String, Object> properties) { }

    /** An S3 event source: object events in one of the template's buckets, with an optional key filter. */
    public record S3Trigger(String eventName, String bucketLogicalId, List<String> events, String prefix,
                            String suffix) { }

    /** A Schedule or ScheduleV2 event source. {@code input} is the JSON the event carries, or null. */
    public record ScheduleTrigger(String eventName, String name, String expression, String timezone, String input,
                                  boolean enabled) { }

    /**
     * A function. {@code name} is the local function name; {@code environment} is resolved for the stack;
     * {@code deadLetterQueue} is null when the template declares none.
     */
    public record Function(String logicalId, String name, String handler, String runtime,
                           Map<String, String> environment, int memorySize, int timeoutSeconds,
                           String autoPublishAlias, List<Event> events, List<S3Trigger> s3Triggers,
                           List<ScheduleTrigger> schedules, DeadLetterQueue deadLetterQueue) { }

    /**
     * One API route. {@code path} is the template, e.g. {@code /items/{itemId}}; {@code method} is upper
     * case or {@code ANY}; {@code function} is the logical id of the function integrated, null when the
     * integration is not a Lambda proxy.
     */
    public record Route(String method, String path, boolean isPublic, List<String> scopes, String function,
                        int timeoutMillis, String payloadFormatVersion) {
        public String key() {
            return method + " " + path;
        }
    }

    /** The CORS configuration of an HTTP API (x-amazon-apigateway-cors), or none. */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
        /** Whether a browser page of this origin may call the API (API Gateway matches origins exactly). */
        public boolean allows(String origin) {
            return allowOrigins.contains("*") || allowOrigins.contains(origin);
        }
    }

    /** An HTTP API: its routes, CORS and the request header carrying the JWT. */
    public record HttpApi(String logicalId, List<Route> routes, Cors cors, String identityHeader,
                          Map<String, Object> openApi) { }

    private final Path file;
    private final String prefix;
    private final Map<String, Object> root;
    private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Bucket> buckets = new ArrayList<>();
    private final List<Queue> queues = new ArrayList<>();
    private final List<Topic> topics = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, HttpApi> apis = new LinkedHashMap<>();
    private final Intrinsics intrinsics;

    public static TemplateModel load(Path templateFile) {
        return load(templateFile, DEFAULT_PREFIX, Map.of());
    }

    /**
     * @param prefix             start of every local physical name ({@code spotcheck-local-DataTable})
     * @param parameterOverrides values for template parameters, as {@code sam deploy --parameter-overrides}
     */
    public static TemplateModel load(Path templateFile, String prefix, Map<String, String> parameterOverrides) {
        try {
            return new TemplateModel(templateFile.toAbsolutePath().normalize(), prefix, parameterOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + templateFile, e);
        }
    }

    @SuppressWarnings("unchecked")
    private TemplateModel(Path file, String prefix, Map<String, String> overrides) throws IOException {
        this.file = file;
        this.prefix = prefix;
        Object loaded = CfnYaml.load(file);
        if (!(loaded instanceof Map)) {
            throw new IllegalArgumentException(file + " is not a CloudFormation template");
        }
        this.root = (Map<String, Object>) loaded;
        this.intrinsics = new Intrinsics(prefix, root, resources);
        intrinsics.readParameters(overrides);
        map(root.get("Resources")).forEach((id, body) -> {
            Map<String, Object> resource = map(body);
            Object condition = resource.get("Condition");
            if (condition == null || intrinsics.condition(condition)) {
                resources.put(id, resource);
            }
        });
        resources.forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            switch (type) {
                case "AWS::DynamoDB::Table" -> tables.add(table(id, props(resource)));
                case "AWS::S3::Bucket" -> buckets.add(bucket(id, props(resource)));
                case "AWS::SQS::Queue" -> queues.add(queue(id, props(resource)));
                case "AWS::SNS::Topic" -> topics.add(new Topic(id, intrinsics.physical(id, "TopicName"),
                        String.valueOf(intrinsics.resolve(Map.of("Ref", id)))));
                case "AWS::SecretsManager::Secret" -> secrets.add(secret(id, props(resource)));
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functions.put(id, function(id, type));
                default -> { }
            }
        });
        OpenApiRoutes http = new OpenApiRoutes(file, intrinsics, functions, apis, warnings);
        resources.forEach((id, resource) -> {
            if ("AWS::Serverless::HttpApi".equals(resource.get("Type"))) {
                apis.put(id, http.httpApi(id, props(resource)));
            }
        });
        http.addEventRoutes();
    }

    /** Resolves every intrinsic function in a value; {@link Unresolvable} when one has no local meaning. */
    Object resolve(Object node) {
        return intrinsics.resolve(node);
    }

    // ---- accessors -------------------------------------------------------------------

    public Path file() {
        return file;
    }

    public String prefix() {
        return prefix;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    public Optional<Table> table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public List<Bucket> buckets() {
        return List.copyOf(buckets);
    }

    /** The bucket the stack reports (READY line, endpoints.json): the first one declared. */
    public Optional<Bucket> primaryBucket() {
        return buckets.stream().findFirst();
    }

    public Optional<Bucket> bucket(String logicalId) {
        return buckets.stream().filter(b -> b.logicalId().equals(logicalId)).findFirst();
    }

    public List<Queue> queues() {
        return List.copyOf(queues);
    }

    public List<Topic> topics() {
        return List.copyOf(topics);
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    public List<Function> functions() {
        return List.copyOf(functions.values());
    }

    public Optional<Function> function(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId));
    }

    public List<HttpApi> httpApis() {
        return List.copyOf(apis.values());
    }

    /** The routes of every HTTP API in the template. */
    public List<Route> routes() {
        return apis.values().stream().flatMap(a -> a.routes().stream()).toList();
    }

    /** What could not be resolved locally (unknown functions, remote includes, ...). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The raw template, short tags in long form, for what this model does not cover yet. */
    public Map<String, Object> raw() {
        return root;
    }

    // ---- resources -------------------------------------------------------------------------

    private Table table(String id, Map<String, Object> p) {
        List<Attribute> attributes = new ArrayList<>();
        for (Object a : list(intrinsics.resolve(p.get("AttributeDefinitions")))) {
            Map<String, Object> m = map(a);
            attributes.add(new Attribute(str(m.get("AttributeName")), str(m.get("AttributeType"))));
        }
        String ttl = null;
        Map<String, Object> ttlSpec = map(intrinsics.resolve(p.get("TimeToLiveSpecification")));
        if (Boolean.parseBoolean(String.valueOf(ttlSpec.get("Enabled")))) {
            ttl = str(ttlSpec.get("AttributeName"));
        }
        return new Table(id, intrinsics.tableName(id), List.copyOf(attributes), keySchema(intrinsics.resolve(p.get("KeySchema"))),
                indexes(intrinsics.resolve(p.get("GlobalSecondaryIndexes"))), indexes(intrinsics.resolve(p.get("LocalSecondaryIndexes"))),
                ttl);
    }

    private Bucket bucket(String id, Map<String, Object> p) {
        Map<String, Object> versioning = map(intrinsics.resolve(p.get("VersioningConfiguration")));
        return new Bucket(id, intrinsics.bucketName(id), "Enabled".equals(versioning.get("Status")));
    }

    private Secret secret(String id, Map<String, Object> p) {
        Map<String, Object> generate = map(intrinsics.resolve(p.get("GenerateSecretString")));
        Object length = generate.get("PasswordLength");
        return new Secret(id, intrinsics.physical(id, "Name"), length == null ? 32 : Integer.parseInt(String.valueOf(length)),
                Boolean.parseBoolean(String.valueOf(generate.get("ExcludePunctuation"))));
    }

    private Queue queue(String id, Map<String, Object> p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : QUEUE_ATTRIBUTES) {
            try {
                Object value = intrinsics.resolve(p.get(name));
                if (value != null && value != Intrinsics.NO_VALUE) {
                    attributes.put(name, String.valueOf(value));
                }
            } catch (Unresolvable e) {
                warnings.add(id + ": " + name + " left at its default (" + e.getMessage() + ")");
            }
        }
        return new Queue(id, intrinsics.queueName(id), Map.copyOf(attributes));
    }

    private static List<KeyElement> keySchema(Object node) {
        List<KeyElement> keys = new ArrayList<>();
        for (Object k : list(node)) {
            Map<String, Object> m = map(k);
            keys.add(new KeyElement(str(m.get("AttributeName")), str(m.get("KeyType"))));
        }
        return List.copyOf(keys);
    }

    private static List<Index> indexes(Object node) {
        List<Index> out = new ArrayList<>();
        for (Object i : list(node)) {
            Map<String, Object> m = map(i);
            Map<String, Object> projection = map(m.get("Projection"));
            List<String> nonKey = new ArrayList<>();
            for (Object a : list(projection.get("NonKeyAttributes"))) {
                nonKey.add(String.valueOf(a));
            }
            out.add(new Index(str(m.get("IndexName")), keySchema(m.get("KeySchema")),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")), List.copyOf(nonKey)));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private Function function(String id, String type) {
        Map<String, Object> own = props(resources.get(id));
        Map<String, Object> p = type.equals("AWS::Serverless::Function")
                ? (Map<String, Object>) merge(map(map(root.get("Globals")).get("Function")), own) : own;
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(p.get("Environment")).get("Variables")).forEach((name, value) -> {
            try {
                Object resolved = intrinsics.resolve(value);
                if (resolved != Intrinsics.NO_VALUE) {
                    environment.put(name, resolved instanceof List<?> l ? String.join(",",
                            l.stream().map(String::valueOf).toList()) : String.valueOf(resolved));
                }
            } catch (Unresolvable e) {
                warnings.add(id + ": environment variable " + name + " left unset (" + e.getMessage() + ")");
            }
        });
        List<Event> events = new ArrayList<>();
        List<S3Trigger> s3 = new ArrayList<>();
        List<ScheduleTrigger> schedules = new ArrayList<>();
        map(p.get("Events")).forEach((eventName, body) -> {
            Map<String, Object> e = map(body);
            String eventType = String.valueOf(e.get("Type"));
            Map<String, Object> ep = map(e.get("Properties"));
            events.add(new Event(eventName, eventType, ep));
            try {
                switch (eventType) {
                    case "S3" -> s3.add(s3Trigger(eventName, ep));
                    case "Schedule", "ScheduleV2" -> schedules.add(schedule(eventName, eventType, ep));
                    default -> { }
                }
            } catch (Unresolvable | ClassCastException e2) {
                warnings.add(id + ": event " + eventName + " not modelled locally (" + e2.getMessage() + ")");
            }
        });
        String alias = p.get("AutoPublishAlias") == null ? null : String.valueOf(intrinsics.resolve(p.get("AutoPublishAlias")));
        return new Function(id, intrinsics.functionName(id), str(intrinsics.resolve(p.get("Handler"))), str(intrinsics.resolve(p.get("Runtime"))),
                Map.copyOf(environment), intOr(intrinsics.resolve(p.get("MemorySize")), SAM_DEFAULT_MEMORY),
                intOr(intrinsics.resolve(p.get("Timeout")), SAM_DEFAULT_TIMEOUT), alias, List.copyOf(events), List.copyOf(s3),
                List.copyOf(schedules),
                deadLetterQueue(id, p.getOrDefault("DeadLetterQueue", p.get("DeadLetterConfig"))));
    }

    private DeadLetterQueue deadLetterQueue(String functionId, Object node) {
        if (node == null) {
            return null;
        }
        try {
            Map<String, Object> d = map(intrinsics.resolve(node));
            if (d.isEmpty()) {
                return null;
            }
            // SAM's DeadLetterQueue names the service; a plain function's DeadLetterConfig has only the ARN.
            String arn = str(d.get("TargetArn"));
            String type = d.get("Type") != null ? str(d.get("Type"))
                    : arn != null && arn.startsWith("arn:aws:sns:") ? "SNS" : "SQS";
            return new DeadLetterQueue(type.toUpperCase(Locale.ROOT), arn);
        } catch (Unresolvable e) {
            warnings.add(functionId + ": dead-letter queue not modelled locally (" + e.getMessage() + ")");
            return null;
        }
    }

    private S3Trigger s3Trigger(String eventName, Map<String, Object> p) {
        Object bucket = p.get("Bucket");
        String bucketId = bucket instanceof Map<?, ?> m && m.containsKey("Ref") ? String.valueOf(m.get("Ref"))
                : String.valueOf(bucket);
        List<String> events = new ArrayList<>();
        for (Object e : list(intrinsics.resolve(p.get("Events")))) {
            events.add(String.valueOf(e));
        }
        String keyPrefix = null;
        String keySuffix = null;
        for (Object rule : list(intrinsics.resolve(map(map(p.get("Filter")).get("S3Key")).get("Rules")))) {
            Map<String, Object> r = map(rule);
            String name = String.valueOf(r.get("Name")).toLowerCase(Locale.ROOT);
            if (name.equals("prefix")) {
                keyPrefix = str(r.get("Value"));
            } else if (name.equals("suffix")) {
                keySuffix = str(r.get("Value"));
            }
        }
        return new S3Trigger(eventName, bucketId, List.copyOf(events), keyPrefix, keySuffix);
    }

    private ScheduleTrigger schedule(String eventName, String type, Map<String, Object> p) {
        Map<String, Object> r = map(intrinsics.resolve(p));
        String expression = str(type.equals("ScheduleV2") ? r.get("ScheduleExpression") : r.get("Schedule"));
        boolean enabled = type.equals("ScheduleV2")
                ? !"DISABLED".equalsIgnoreCase(String.valueOf(r.getOrDefault("State", "ENABLED")))
                : Boolean.parseBoolean(String.valueOf(r.getOrDefault("Enabled", "true")));
        Object input = r.get("Input");
        return new ScheduleTrigger(eventName, str(r.get("Name")), expression,
                str(r.get("ScheduleExpressionTimezone")), input == null ? null : String.valueOf(input), enabled);
    }

}
