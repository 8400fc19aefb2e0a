package spotcheck.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the template's parsed YAML: maps, lists and scalars, and SAM's Globals merge. */
final class Nodes {
    private Nodes() { }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> l ? l : List.of(node);
    }

    static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        return resource == null ? Map.of() : map(resource.get("Properties"));
    }

    static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static int intOr(Object value, int byDefault) {
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
    static Object merge(Object globals, Object own) {
        if (globals instanceof Map<?, ?> g && own instanceof Map<?, ?> o) {
            Map<String, Object> out = new LinkedHashMap<>();
            g.forEach((k, v) -> out.put(String.valueOf(k), v));
            o.forEach((k, v) -> out.merge(String.valueOf(k), v, Nodes::merge));
            return out;
        }
        return own != null ? own : globals;
    }
}
