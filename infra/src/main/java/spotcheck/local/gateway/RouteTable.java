package spotcheck.local.gateway;

import spotcheck.local.template.TemplateModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's route selection for HTTP APIs: the most specific route wins. Segment by
 * segment from the left, a literal beats a {@code {param}}, which beats a greedy
 * {@code {proxy+}}; a route with a method beats {@code ANY}; {@code $default} comes last.
 * So {@code GET /calendar/working-days/add} is chosen before {@code GET /calendar/{year}}.
 */
public final class RouteTable {
    /** A selected route, its API and the path parameters (URL-decoded). */
    record Match(TemplateModel.Route route, TemplateModel.HttpApi api, Map<String, String> pathParameters) { }

    private record Entry(TemplateModel.Route route, TemplateModel.HttpApi api, List<String> segments) { }

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<TemplateModel.HttpApi> apis) {
        for (TemplateModel.HttpApi api : apis) {
            for (TemplateModel.Route route : api.routes()) {
                entries.add(new Entry(route, api, segments(route.path())));
            }
        }
        entries.sort(RouteTable::bySpecificity);
    }

    Optional<Match> match(String method, String rawPath) {
        List<String> path = new ArrayList<>();
        for (String raw : segments(rawPath)) {
            path.add(percentDecode(raw, false));
        }
        for (Entry e : entries) {
            if (!e.route().method().equals("ANY") && !e.route().method().equals(method)) {
                continue;
            }
            if (e.route().path().equals("$default")) {
                return Optional.of(new Match(e.route(), e.api(), Map.of()));
            }
            Map<String, String> params = bind(e.segments(), path);
            if (params != null) {
                return Optional.of(new Match(e.route(), e.api(), params));
            }
        }
        return Optional.empty();
    }

    /** The path parameters if the template matches the (decoded) path segments, else null. */
    private static Map<String, String> bind(List<String> template, List<String> path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            int rank = rank(t);
            if (rank == 2) {
                if (i >= path.size()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 2), String.join("/", path.subList(i, path.size())));
                return params;
            }
            if (i >= path.size()) {
                return null;
            }
            if (rank == 1) {
                params.put(t.substring(1, t.length() - 1), path.get(i));
            } else if (!t.equals(path.get(i))) {
                return null;
            }
        }
        return template.size() == path.size() ? params : null;
    }

    private static int bySpecificity(Entry a, Entry b) {
        boolean aDefault = a.route().path().equals("$default");
        boolean bDefault = b.route().path().equals("$default");
        if (aDefault != bDefault) {
            return aDefault ? 1 : -1;
        }
        int n = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(rank(a.segments().get(i)), rank(b.segments().get(i)));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(b.segments().size(), a.segments().size());
        if (c != 0) {
            return c;
        }
        return Comparator.<Entry, Boolean>comparing(e -> e.route().method().equals("ANY")).compare(a, b);
    }

    /** 0 literal, 1 {@code {param}}, 2 greedy {@code {param+}}. */
    private static int rank(String segment) {
        if (segment.startsWith("{") && segment.endsWith("+}")) {
            return 2;
        }
        return segment.startsWith("{") && segment.endsWith("}") ? 1 : 0;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Decodes %XX escapes (UTF-8); '+' is a space only in query strings. Bad escapes stay as sent. */
    static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
