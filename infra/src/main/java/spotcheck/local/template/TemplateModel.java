package spotcheck.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** The queue attributes CreateQueue takes, from the template's properties of the same names. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("ContentBasedDeduplication", "DelaySeconds",
            "FifoQueue", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
            "VisibilityTimeout");
    /** The value of {@code !Ref AWS::NoValue}: the property is left out. */
    private static final Object NO_VALUE = new Object();

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
    private final Map<String, Object> parameterValues = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Bucket> buckets = new ArrayList<>();
    private final List<Queue> queues = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, HttpApi> apis = new LinkedHashMap<>();

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
        readParameters(overrides);
        map(root.get("Resources")).forEach((id, body) -> {
            Map<String, Object> resource = map(body);
            Object condition = resource.get("Condition");
            if (condition == null || condition(condition)) {
                resources.put(id, resource);
            }
        });
        resources.forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            switch (type) {
                case "AWS::DynamoDB::Table" -> tables.add(table(id, props(resource)));
                case "AWS::S3::Bucket" -> buckets.add(bucket(id, props(resource)));
                case "AWS::SQS::Queue" -> queues.add(queue(id, props(resource)));
                case "AWS::SecretsManager::Secret" -> secrets.add(secret(id, props(resource)));
                case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functions.put(id, function(id, type));
                default -> { }
            }
        });
        resources.forEach((id, resource) -> {
            if ("AWS::Serverless::HttpApi".equals(resource.get("Type"))) {
                apis.put(id, httpApi(id, props(resource)));
            }
        });
        addEventRoutes();
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

    // ---- parameters and conditions ---------------------------------------------------

    private void readParameters(Map<String, String> overrides) {
        map(root.get("Parameters")).forEach((name, body) -> {
            Map<String, Object> p = map(body);
            Object value = overrides.containsKey(name) ? overrides.get(name) : p.get("Default");
            String type = String.valueOf(p.getOrDefault("Type", "String"));
            boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
            if (value == null && list) {
                // A list the deployer must give (CORS origins, audiences) is empty here until given.
                value = "";
            }
            if (value == null) {
                return;
            }
            if (list) {
                List<String> items = new ArrayList<>();
                for (String s : String.valueOf(value).split(",")) {
                    // An empty override is an empty list, not one empty string.
                    if (!s.isBlank()) {
                        items.add(s.trim());
                    }
                }
                parameterValues.put(name, List.copyOf(items));
            } else {
                parameterValues.put(name, String.valueOf(value));
            }
        });
    }

    private boolean condition(Object expression) {
        if (expression instanceof String name) {
            Object defined = map(root.get("Conditions")).get(name);
            if (defined == null) {
                throw new Unresolvable("unknown condition " + name);
            }
            return condition(defined);
        }
        Map<String, Object> m = map(expression);
        if (m.size() != 1) {
            throw new Unresolvable("not a condition: " + expression);
        }
        var entry = m.entrySet().iterator().next();
        List<?> args = entry.getValue() instanceof List<?> l ? l : List.of(entry.getValue());
        return switch (entry.getKey()) {
            case "Fn::Equals" -> Objects.equals(String.valueOf(resolve(args.get(0))),
                    String.valueOf(resolve(args.get(1))));
            case "Fn::Not" -> !condition(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::condition);
            case "Fn::Or" -> args.stream().anyMatch(this::condition);
            case "Condition" -> condition(args.get(0));
            default -> throw new Unresolvable("not a condition: " + entry.getKey());
        };
    }

    // ---- intrinsic functions, resolved for the local stack ------------------------------

    /** A value the local stack cannot compute (an import from another stack, a parameter without default...). */
    static final class Unresolvable extends RuntimeException {
        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolves every intrinsic function in a value; {@link Unresolvable} when one has no local meaning. */
    Object resolve(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object arg = m.values().iterator().next();
                switch (key) {
                    case "Ref":
                        return ref(String.valueOf(resolve(arg)));
                    case "Fn::Sub":
                        return sub(arg);
                    case "Fn::GetAtt": {
                        List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
                        return getAtt(String.valueOf(parts.get(0)), String.valueOf(resolve(parts.get(1))));
                    }
                    case "Fn::Join": {
                        List<?> args = (List<?>) arg;
                        List<String> values = new ArrayList<>();
                        for (Object v : list(resolve(args.get(1)))) {
                            values.add(String.valueOf(v));
                        }
                        return String.join(String.valueOf(args.get(0)), values);
                    }
                    case "Fn::Select": {
                        List<?> args = (List<?>) arg;
                        return list(resolve(args.get(1))).get(Integer.parseInt(String.valueOf(resolve(args.get(0)))));
                    }
                    case "Fn::Split": {
                        List<?> args = (List<?>) arg;
                        return List.of(String.valueOf(resolve(args.get(1))).split(Pattern.quote(
                                String.valueOf(args.get(0))), -1));
                    }
                    case "Fn::If": {
                        List<?> args = (List<?>) arg;
                        return resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
                    }
                    case "Fn::FindInMap": {
                        List<?> args = (List<?>) arg;
                        Object top = map(map(root.get("Mappings")).get(String.valueOf(resolve(args.get(0)))))
                                .get(String.valueOf(resolve(args.get(1))));
                        Object value = map(top).get(String.valueOf(resolve(args.get(2))));
                        if (value == null) {
                            throw new Unresolvable("no mapping for " + args);
                        }
                        return value;
                    }
                    case "Fn::Base64":
                        return Base64.getEncoder().encodeToString(
                                String.valueOf(resolve(arg)).getBytes(StandardCharsets.UTF_8));
                    case "Fn::ImportValue", "Fn::GetAZs", "Fn::Cidr", "Fn::Transform", "Fn::Length",
                         "Fn::ToJsonString":
                        throw new Unresolvable(key + " has no local value");
                    default:
                        break;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = resolve(v);
                if (r != NO_VALUE) {
                    out.put(String.valueOf(k), r);
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                Object r = resolve(v);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return node;
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT_ID;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackName": return prefix;
            case "AWS::StackId": return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + prefix
                    + "/local";
            case "AWS::NoValue": return NO_VALUE;
            case "AWS::NotificationARNs": return List.of();
            default: break;
        }
        if (parameterValues.containsKey(name)) {
            return parameterValues.get(name);
        }
        if (map(root.get("Parameters")).containsKey(name)) {
            throw new Unresolvable("parameter " + name + " has no default and no local value");
        }
        Map<String, Object> resource = resources.get(name);
        if (resource == null) {
            String alias = aliasTarget(name);
            if (alias != null) {
                return arn("lambda", "function:" + functionName(alias)) + ":" + name.substring(alias.length()
                        + "Alias".length());
            }
            if (name.equals("ServerlessHttpApi")) {
                return "local";
            }
            throw new Unresolvable("unknown resource " + name);
        }
        String type = String.valueOf(resource.get("Type"));
        return switch (type) {
            case "AWS::DynamoDB::Table" -> tableName(name);
            case "AWS::S3::Bucket" -> bucketName(name);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionName(name);
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT_ID + "/"
                    + queueName(name);
            case "AWS::SNS::Topic" -> arn("sns", physical(name, "TopicName"));
            // On AWS the ARN; GetSecretValue takes the name just as well, and a local ARN would need moto's suffix.
            case "AWS::SecretsManager::Secret" -> physical(name, "Name");
            case "AWS::Logs::LogGroup" -> physical(name, "LogGroupName");
            case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" -> "local";
            default -> prefix + "-" + name;
        };
    }

    private Object getAtt(String id, String attribute) {
        Map<String, Object> resource = resources.get(id);
        String type = resource == null ? "" : String.valueOf(resource.get("Type"));
        if (resource == null && aliasTarget(id) == null) {
            throw new Unresolvable("unknown resource " + id);
        }
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + tableName(id));
            case "AWS::DynamoDB::Table.StreamArn" -> arn("dynamodb", "table/" + tableName(id) + "/stream/local");
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + bucketName(id);
            case "AWS::S3::Bucket.DomainName" -> bucketName(id) + ".s3.amazonaws.com";
            case "AWS::S3::Bucket.RegionalDomainName" -> bucketName(id) + ".s3." + REGION + ".amazonaws.com";
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
                    arn("lambda", "function:" + functionName(id));
            case "AWS::SQS::Queue.Arn" -> arn("sqs", queueName(id));
            case "AWS::SQS::Queue.QueueName" -> queueName(id);
            case "AWS::SQS::Queue.QueueUrl" -> ref(id);
            case "AWS::SNS::Topic.TopicArn" -> ref(id);
            case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + physical(id, "LogGroupName") + ":*");
            default -> {
                if (attribute.equals("Arn")) {
                    String service = type.split("::").length > 1 ? type.split("::")[1].toLowerCase(Locale.ROOT)
                            : "local";
                    yield arn(service, prefix + "-" + id);
                }
                throw new Unresolvable("!GetAtt " + id + "." + attribute + " has no local value");
            }
        };
    }

    private String sub(Object arg) {
        String template;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> l) {
            template = String.valueOf(l.get(0));
            variables = map(l.get(1));
        } else {
            template = String.valueOf(arg);
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = String.valueOf(resolve(variables.get(name)));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = String.valueOf(getAtt(name.substring(0, dot), name.substring(dot + 1)));
            } else {
                value = String.valueOf(ref(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String arn(String service, String resource) {
        String region = service.equals("s3") ? "" : REGION;
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
    }

    /** SAM names a function's alias {@code <Function>Alias<name>}: which function does an id denote? */
    private String aliasTarget(String id) {
        Object globalAlias = map(map(root.get("Globals")).get("Function")).get("AutoPublishAlias");
        for (var entry : resources.entrySet()) {
            if (!"AWS::Serverless::Function".equals(entry.getValue().get("Type"))) {
                continue;
            }
            Object alias = props(entry.getValue()).getOrDefault("AutoPublishAlias", globalAlias);
            if (alias != null && id.equals(entry.getKey() + "Alias" + resolve(alias))) {
                return entry.getKey();
            }
        }
        return null;
    }

    // ---- local physical names -------------------------------------------------------------

    private String physical(String id, String nameProperty) {
        Object explicit = props(resources.get(id)).get(nameProperty);
        return explicit != null ? String.valueOf(resolve(explicit)) : prefix + "-" + id;
    }

    String tableName(String id) {
        return physical(id, "TableName");
    }

    String functionName(String id) {
        String name = physical(id, "FunctionName");
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** As CloudFormation names a FIFO queue without QueueName: with the {@code .fifo} suffix SQS requires. */
    String queueName(String id) {
        Object explicit = props(resources.get(id)).get("QueueName");
        if (explicit != null) {
            return String.valueOf(resolve(explicit));
        }
        boolean fifo;
        try {
            fifo = Boolean.parseBoolean(String.valueOf(resolve(props(resources.get(id)).get("FifoQueue"))));
        } catch (Unresolvable e) {
            fifo = false;
        }
        String name = (prefix + "-" + id).replaceAll("[^A-Za-z0-9_-]", "-");
        int max = fifo ? 80 - ".fifo".length() : 80;
        return (name.length() > max ? name.substring(0, max) : name) + (fifo ? ".fifo" : "");
    }

    /** {@code UploadsBucket} → {@code spotcheck-local-uploads}: lower case, DNS-safe, 3–63 characters. */
    String bucketName(String id) {
        Object explicit = props(resources.get(id)).get("BucketName");
        if (explicit != null) {
            return String.valueOf(resolve(explicit));
        }
        String kebab = id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        if (kebab.endsWith("-bucket") && kebab.length() > "-bucket".length()) {
            kebab = kebab.substring(0, kebab.length() - "-bucket".length());
        }
        String name = (prefix + "-" + kebab).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "-").replaceAll("-{2,}", "-");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        name = name.replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        while (name.length() < 3) {
            name = name + "0";
        }
        return name;
    }

    // ---- resources -------------------------------------------------------------------------

    private Table table(String id, Map<String, Object> p) {
        List<Attribute> attributes = new ArrayList<>();
        for (Object a : list(resolve(p.get("AttributeDefinitions")))) {
            Map<String, Object> m = map(a);
            attributes.add(new Attribute(str(m.get("AttributeName")), str(m.get("AttributeType"))));
        }
        String ttl = null;
        Map<String, Object> ttlSpec = map(resolve(p.get("TimeToLiveSpecification")));
        if (Boolean.parseBoolean(String.valueOf(ttlSpec.get("Enabled")))) {
            ttl = str(ttlSpec.get("AttributeName"));
        }
        return new Table(id, tableName(id), List.copyOf(attributes), keySchema(resolve(p.get("KeySchema"))),
                indexes(resolve(p.get("GlobalSecondaryIndexes"))), indexes(resolve(p.get("LocalSecondaryIndexes"))),
                ttl);
    }

    private Bucket bucket(String id, Map<String, Object> p) {
        Map<String, Object> versioning = map(resolve(p.get("VersioningConfiguration")));
        return new Bucket(id, bucketName(id), "Enabled".equals(versioning.get("Status")));
    }

    private Secret secret(String id, Map<String, Object> p) {
        Map<String, Object> generate = map(resolve(p.get("GenerateSecretString")));
        Object length = generate.get("PasswordLength");
        return new Secret(id, physical(id, "Name"), length == null ? 32 : Integer.parseInt(String.valueOf(length)),
                Boolean.parseBoolean(String.valueOf(generate.get("ExcludePunctuation"))));
    }

    private Queue queue(String id, Map<String, Object> p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : QUEUE_ATTRIBUTES) {
            try {
                Object value = resolve(p.get(name));
                if (value != null && value != NO_VALUE) {
                    attributes.put(name, String.valueOf(value));
                }
            } catch (Unresolvable e) {
                warnings.add(id + ": " + name + " left at its default (" + e.getMessage() + ")");
            }
        }
        return new Queue(id, queueName(id), Map.copyOf(attributes));
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
                Object resolved = resolve(value);
                if (resolved != NO_VALUE) {
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
        String alias = p.get("AutoPublishAlias") == null ? null : String.valueOf(resolve(p.get("AutoPublishAlias")));
        return new Function(id, functionName(id), str(resolve(p.get("Handler"))), str(resolve(p.get("Runtime"))),
                Map.copyOf(environment), intOr(resolve(p.get("MemorySize")), SAM_DEFAULT_MEMORY),
                intOr(resolve(p.get("Timeout")), SAM_DEFAULT_TIMEOUT), alias, List.copyOf(events), List.copyOf(s3),
                List.copyOf(schedules),
                deadLetterQueue(id, p.getOrDefault("DeadLetterQueue", p.get("DeadLetterConfig"))));
    }

    private DeadLetterQueue deadLetterQueue(String functionId, Object node) {
        if (node == null) {
            return null;
        }
        try {
            Map<String, Object> d = map(resolve(node));
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
        for (Object e : list(resolve(p.get("Events")))) {
            events.add(String.valueOf(e));
        }
        String keyPrefix = null;
        String keySuffix = null;
        for (Object rule : list(resolve(map(map(p.get("Filter")).get("S3Key")).get("Rules")))) {
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
        Map<String, Object> r = map(resolve(p));
        String expression = str(type.equals("ScheduleV2") ? r.get("ScheduleExpression") : r.get("Schedule"));
        boolean enabled = type.equals("ScheduleV2")
                ? !"DISABLED".equalsIgnoreCase(String.valueOf(r.getOrDefault("State", "ENABLED")))
                : Boolean.parseBoolean(String.valueOf(r.getOrDefault("Enabled", "true")));
        Object input = r.get("Input");
        return new ScheduleTrigger(eventName, str(r.get("Name")), expression,
                str(r.get("ScheduleExpressionTimezone")), input == null ? null : String.valueOf(input), enabled);
    }

    // ---- the HTTP API ---------------------------------------------------------------------

    private HttpApi httpApi(String id, Map<String, Object> p) {
        Map<String, Object> doc = openApiDocument(id, p);
        List<Route> routes = doc.isEmpty() ? new ArrayList<>() : routesFrom(id, doc);
        Cors cors = cors(doc.get("x-amazon-apigateway-cors"), p.get("CorsConfiguration"));
        String header = "authorization";
        for (Object scheme : map(map(doc.get("components")).get("securitySchemes")).values()) {
            Object source = map(map(scheme).get("x-amazon-apigateway-authorizer")).get("identitySource");
            if (source != null && String.valueOf(source).startsWith("$request.header.")) {
                header = String.valueOf(source).substring("$request.header.".length()).toLowerCase(Locale.ROOT);
            }
        }
        return new HttpApi(id, routes, cors, header, doc);
    }

    private Map<String, Object> openApiDocument(String apiId, Map<String, Object> p) {
        Object body = p.get("DefinitionBody");
        Object location = null;
        if (body instanceof Map<?, ?> b && b.get("Fn::Transform") != null) {
            Map<String, Object> transform = map(b.get("Fn::Transform"));
            if ("AWS::Include".equals(transform.get("Name"))) {
                location = resolve(map(transform.get("Parameters")).get("Location"));
            }
        } else if (body instanceof Map<?, ?>) {
            return map(body);
        } else if (p.get("DefinitionUri") instanceof String uri) {
            location = uri;
        }
        if (location == null) {
            if (body != null || p.get("DefinitionUri") != null) {
                warnings.add(apiId + ": OpenAPI definition not readable locally; no routes from it");
            }
            return Map.of();
        }
        String where = String.valueOf(location);
        if (where.startsWith("s3://") || where.startsWith("https://")) {
            warnings.add(apiId + ": OpenAPI document at " + where + " is remote; no routes from it");
            return Map.of();
        }
        try {
            return map(CfnYaml.load(file.getParent().resolve(where)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + where, e);
        }
    }

    private List<Route> routesFrom(String apiId, Map<String, Object> doc) {
        List<Route> routes = new ArrayList<>();
        Object topSecurity = doc.get("security");
        map(doc.get("paths")).forEach((path, item) -> {
            map(item).forEach((key, op) -> {
                String method;
                if (key.equals("x-amazon-apigateway-any-method")) {
                    method = "ANY";
                } else if (HTTP_METHODS.contains(key)) {
                    method = key.toUpperCase(Locale.ROOT);
                } else {
                    return;
                }
                Map<String, Object> operation = map(op);
                Object security = operation.containsKey("security") ? operation.get("security") : topSecurity;
                List<String> scopes = new ArrayList<>();
                boolean isPublic = true;
                for (Object requirement : list(security)) {
                    Map<String, Object> r = map(requirement);
                    if (r.isEmpty()) { // {} in the list: the route may be called without a token
                        isPublic = true;
                        break;
                    }
                    isPublic = false;
                    r.values().forEach(v -> list(v).forEach(s -> scopes.add(String.valueOf(s))));
                }
                Map<String, Object> integration = map(deref(doc, operation.get("x-amazon-apigateway-integration")));
                String function = null;
                if ("aws_proxy".equalsIgnoreCase(String.valueOf(integration.get("type")))) {
                    function = functionOf(integration.get("uri"));
                }
                if (function == null) {
                    warnings.add(apiId + ": " + method + " " + path + " has no Lambda integration known locally");
                }
                String version = String.valueOf(integration.getOrDefault("payloadFormatVersion", "2.0"));
                if (!version.equals("2.0")) {
                    warnings.add(apiId + ": " + method + " " + path + " uses payload format " + version
                            + "; the local stack sends 2.0");
                }
                routes.add(new Route(method, path, isPublic, List.copyOf(scopes), function,
                        intOr(integration.get("timeoutInMillis"), 30_000), version));
            });
        });
        return routes;
    }

    private void addEventRoutes() {
        for (Function f : functions.values()) {
            for (Event e : f.events()) {
                if (!e.type().equals("HttpApi")) {
                    continue;
                }
                Map<String, Object> p = map(resolve(e.properties()));
                Object apiRef = e.properties().get("ApiId");
                String apiId = apiRef instanceof Map<?, ?> m && m.get("Ref") != null ? String.valueOf(m.get("Ref"))
                        : "ServerlessHttpApi";
                String method = String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT);
                String path = String.valueOf(p.getOrDefault("Path", "$default"));
                boolean isPublic = "NONE".equals(map(p.get("Auth")).get("Authorizer"));
                Route route = new Route(method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method, path,
                        isPublic, List.of(), f.logicalId(), intOr(p.get("TimeoutInMillis"), 30_000), "2.0");
                HttpApi api = apis.computeIfAbsent(apiId, k -> new HttpApi(k, new ArrayList<>(), null,
                        "authorization", Map.of()));
                List<Route> routes = new ArrayList<>(api.routes());
                routes.add(route);
                apis.put(apiId, new HttpApi(api.logicalId(), routes, api.cors(), api.identityHeader(), api.openApi()));
            }
        }
        apis.replaceAll((k, a) -> new HttpApi(a.logicalId(), List.copyOf(a.routes()), a.cors(), a.identityHeader(),
                a.openApi()));
    }

    /** Which template function an integration URI invokes: by Ref, GetAtt or a ${...} in Fn::Sub. */
    private String functionOf(Object uri) {
        Set<String> ids = new LinkedHashSet<>();
        collectReferences(uri, ids);
        for (String id : ids) {
            if (functions.containsKey(id)) {
                return id;
            }
            String alias = aliasTarget(id);
            if (alias != null && functions.containsKey(alias)) {
                return alias;
            }
        }
        return null;
    }

    private static void collectReferences(Object node, Set<String> ids) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k.equals("Ref")) {
                    ids.add(String.valueOf(v));
                } else if (k.equals("Fn::GetAtt")) {
                    ids.add(String.valueOf(v instanceof List<?> l ? l.get(0) : String.valueOf(v).split("\\.")[0]));
                } else if (k.equals("Fn::Sub")) {
                    String template = String.valueOf(v instanceof List<?> l ? l.get(0) : v);
                    Matcher matcher = SUB_VARIABLE.matcher(template);
                    while (matcher.find()) {
                        ids.add(matcher.group(1).trim().split("\\.")[0]);
                    }
                    if (v instanceof List<?> l && l.size() > 1) {
                        collectReferences(l.get(1), ids);
                    }
                } else {
                    collectReferences(v, ids);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, ids));
        }
    }

    /** Follows a local {@code $ref} ({@code #/components/...}) inside the OpenAPI document. */
    private static Object deref(Map<String, Object> doc, Object node) {
        Map<String, Object> m = map(node);
        Object ref = m.get("$ref");
        if (!(ref instanceof String pointer) || !pointer.startsWith("#/")) {
            return node;
        }
        Object current = doc;
        for (String part : pointer.substring(2).split("/")) {
            current = map(current).get(part.replace("~1", "/").replace("~0", "~"));
        }
        return current;
    }

    private Cors cors(Object openApiCors, Object samCors) {
        Map<String, Object> c;
        if (openApiCors != null) {
            c = map(resolve(openApiCors));
        } else if (Boolean.TRUE.equals(samCors) || "true".equals(String.valueOf(samCors))) {
            c = Map.of("allowOrigins", List.of("*"), "allowMethods", List.of("*"), "allowHeaders", List.of("*"));
        } else if (samCors instanceof Map<?, ?>) {
            Map<String, Object> sam = map(resolve(samCors));
            c = new LinkedHashMap<>();
            sam.forEach((k, v) -> c.put(Character.toLowerCase(k.charAt(0)) + k.substring(1), v));
        } else {
            return null;
        }
        return new Cors(strings(c.get("allowOrigins")), strings(c.get("allowMethods")),
                strings(c.get("allowHeaders")), strings(c.get("exposeHeaders")),
                c.get("maxAge") == null ? null : intOr(c.get("maxAge"), 0),
                Boolean.parseBoolean(String.valueOf(c.get("allowCredentials"))));
    }

    // ---- small helpers -----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> l ? l : List.of(node);
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        return resource == null ? Map.of() : map(resource.get("Properties"));
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static int intOr(Object value, int byDefault) {
        if (value == null) {
            return byDefault;
        }
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return byDefault;
        }
    }

    /** SAM's Globals: maps merge key by key, anything else the function's own value wins. */
    private static Object merge(Object globals, Object own) {
        if (globals instanceof Map<?, ?> g && own instanceof Map<?, ?> o) {
            Map<String, Object> out = new LinkedHashMap<>();
            g.forEach((k, v) -> out.put(String.valueOf(k), v));
            o.forEach((k, v) -> out.merge(String.valueOf(k), v, TemplateModel::merge));
            return out;
        }
        return own != null ? own : globals;
    }
}
