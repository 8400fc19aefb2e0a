package spotcheck.local.template;

import static spotcheck.local.template.Nodes.list;
import static spotcheck.local.template.Nodes.map;
import static spotcheck.local.template.Nodes.props;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's parameters, conditions and intrinsic functions ({@code Ref}, {@code Fn::Sub},
 * {@code Fn::GetAtt}, ...) resolved for one machine, and the local physical names of its resources.
 */
final class Intrinsics {
    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** The value of {@code !Ref AWS::NoValue}: the property is left out. */
    static final Object NO_VALUE = new Object();
    private static final String REGION = TemplateModel.REGION;
    private static final String ACCOUNT_ID = TemplateModel.ACCOUNT_ID;

    private final String prefix;
    private final Map<String, Object> root;
    /** The resources whose condition holds, filled in by the model. */
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, Object> parameterValues = new LinkedHashMap<>();

    Intrinsics(String prefix, Map<String, Object> root, Map<String, Map<String, Object>> resources) {
        this.prefix = prefix;
        this.root = root;
        this.resources = resources;
    }

    // ---- parameters and conditions ---------------------------------------------------

    void readParameters(Map<String, String> overrides) {
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

    boolean condition(Object expression) {
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

    String arn(String service, String resource) {
        String region = service.equals("s3") ? "" : REGION;
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
    }

    /** SAM names a function's alias {@code <Function>Alias<name>}: which function does an id denote? */
    String aliasTarget(String id) {
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

    String physical(String id, String nameProperty) {
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

}
