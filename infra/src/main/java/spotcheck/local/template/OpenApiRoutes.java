package spotcheck.local.template;

import static spotcheck.local.template.Nodes.intOr;
import static spotcheck.local.template.Nodes.list;
import static spotcheck.local.template.Nodes.map;
import static spotcheck.local.template.Nodes.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The template's HTTP APIs: routes from the OpenAPI document an API includes (security, Lambda
 * integration, timeouts) and from functions' HttpApi events, and the API's CORS configuration.
 */
final class OpenApiRoutes {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch");

    private final Path file;
    private final Intrinsics x;
    private final Map<String, TemplateModel.Function> functions;
    private final Map<String, TemplateModel.HttpApi> apis;
    private final List<String> warnings;

    OpenApiRoutes(Path file, Intrinsics x, Map<String, TemplateModel.Function> functions,
                  Map<String, TemplateModel.HttpApi> apis, List<String> warnings) {
        this.file = file;
        this.x = x;
        this.functions = functions;
        this.apis = apis;
        this.warnings = warnings;
    }

    TemplateModel.HttpApi httpApi(String id, Map<String, Object> p) {
        Map<String, Object> doc = openApiDocument(id, p);
        List<TemplateModel.Route> routes = doc.isEmpty() ? new ArrayList<>() : routesFrom(id, doc);
        TemplateModel.Cors cors = cors(doc.get("x-amazon-apigateway-cors"), p.get("CorsConfiguration"));
        String header = "authorization";
        for (Object scheme : map(map(doc.get("components")).get("securitySchemes")).values()) {
            Object source = map(map(scheme).get("x-amazon-apigateway-authorizer")).get("identitySource");
            if (source != null && String.valueOf(source).startsWith("$request.header.")) {
                header = String.valueOf(source).substring("$request.header.".length()).toLowerCase(Locale.ROOT);
            }
        }
        return new TemplateModel.HttpApi(id, routes, cors, header, doc);
    }

    private Map<String, Object> openApiDocument(String apiId, Map<String, Object> p) {
        Object body = p.get("DefinitionBody");
        Object location = null;
        if (body instanceof Map<?, ?> b && b.get("Fn::Transform") != null) {
            Map<String, Object> transform = map(b.get("Fn::Transform"));
            if ("AWS::Include".equals(transform.get("Name"))) {
                location = x.resolve(map(transform.get("Parameters")).get("Location"));
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

    private List<TemplateModel.Route> routesFrom(String apiId, Map<String, Object> doc) {
        List<TemplateModel.Route> routes = new ArrayList<>();
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
                routes.add(new TemplateModel.Route(method, path, isPublic, List.copyOf(scopes), function,
                        intOr(integration.get("timeoutInMillis"), 30_000), version));
            });
        });
        return routes;
    }

    void addEventRoutes() {
        for (TemplateModel.Function f : functions.values()) {
            for (TemplateModel.Event e : f.events()) {
                if (!e.type().equals("HttpApi")) {
                    continue;
                }
                Map<String, Object> p = map(x.resolve(e.properties()));
                Object apiRef = e.properties().get("ApiId");
                String apiId = apiRef instanceof Map<?, ?> m && m.get("Ref") != null ? String.valueOf(m.get("Ref"))
                        : "ServerlessHttpApi";
                String method = String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT);
                String path = String.valueOf(p.getOrDefault("Path", "$default"));
                boolean isPublic = "NONE".equals(map(p.get("Auth")).get("Authorizer"));
                TemplateModel.Route route = new TemplateModel.Route(method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method, path,
                        isPublic, List.of(), f.logicalId(), intOr(p.get("TimeoutInMillis"), 30_000), "2.0");
                TemplateModel.HttpApi api = apis.computeIfAbsent(apiId, k -> new TemplateModel.HttpApi(k, new ArrayList<>(), null,
                        "authorization", Map.of()));
                List<TemplateModel.Route> routes = new ArrayList<>(api.routes());
                routes.add(route);
                apis.put(apiId, new TemplateModel.HttpApi(api.logicalId(), routes, api.cors(), api.identityHeader(), api.openApi()));
            }
        }
        apis.replaceAll((k, a) -> new TemplateModel.HttpApi(a.logicalId(), List.copyOf(a.routes()), a.cors(), a.identityHeader(),
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
            String alias = x.aliasTarget(id);
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
                    Matcher matcher = Intrinsics.SUB_VARIABLE.matcher(template);
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

    private TemplateModel.Cors cors(Object openApiCors, Object samCors) {
        Map<String, Object> c;
        if (openApiCors != null) {
            c = map(x.resolve(openApiCors));
        } else if (Boolean.TRUE.equals(samCors) || "true".equals(String.valueOf(samCors))) {
            c = Map.of("allowOrigins", List.of("*"), "allowMethods", List.of("*"), "allowHeaders", List.of("*"));
        } else if (samCors instanceof Map<?, ?>) {
            Map<String, Object> sam = map(x.resolve(samCors));
            c = new LinkedHashMap<>();
            sam.forEach((k, v) -> c.put(Character.toLowerCase(k.charAt(0)) + k.substring(1), v));
        } else {
            return null;
        }
        return new TemplateModel.Cors(strings(c.get("allowOrigins")), strings(c.get("allowMethods")),
                strings(c.get("allowHeaders")), strings(c.get("exposeHeaders")),
                c.get("maxAge") == null ? null : intOr(c.get("maxAge"), 0),
                Boolean.parseBoolean(String.valueOf(c.get("allowCredentials"))));
    }

}
