package spotcheck.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Heyuan (河源) forestry demo, loaded by {@code --demo} through the real API as an admin,
 * so it is validated and audited like anything a user creates. Loading twice is harmless:
 * 409 (already there) counts as done.
 */
public final class DemoData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoData() { }

    /** One organisation as {@code POST /orgs} takes it. */
    record Org(String orgId, String name, String kind, String parentId, String divisionCode) {
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orgId", orgId);
            body.put("name", name);
            body.put("kind", kind);
            if (parentId != null) {
                body.put("parentId", parentId);
            }
            if (divisionCode != null) {
                body.put("divisionCode", divisionCode);
            }
            return body;
        }
    }

    static final String BUREAU = "hy-forestry";

    /** The city forestry bureau, its five departments, the six county-level divisions and the city police. */
    static final List<Org> ORGS = List.of(
            new Org(BUREAU, "河源市林业局", "bureau", null, null),
            new Org("hy-forestry-resources", "资源科", "department", BUREAU, null),
            new Org("hy-forestry-restoration", "生态修复科", "department", BUREAU, null),
            new Org("hy-forestry-protection", "保护科", "department", BUREAU, null),
            new Org("hy-forestry-pest", "防检科", "department", BUREAU, null),
            new Org("hy-forestry-legal", "政策法规科", "department", BUREAU, null),
            new Org("yuancheng", "源城区", "county", BUREAU, "441602"),
            new Org("dongyuan", "东源县", "county", BUREAU, "441625"),
            new Org("heping", "和平县", "county", BUREAU, "441624"),
            new Org("longchuan", "龙川县", "county", BUREAU, "441622"),
            new Org("zijin", "紫金县", "county", BUREAU, "441621"),
            new Org("lianping", "连平县", "county", BUREAU, "441623"),
            new Org("hy-police", "河源市公安局", "agency", null, null));

    /** Loads the demo with an admin's invoker; answers false if anything could not be loaded. */
    public static boolean load(LocalInvoker admin) {
        boolean orgsLoaded = loadOrgs(admin);
        return loadItems(admin) && orgsLoaded;
    }

    private static boolean loadOrgs(LocalInvoker admin) {
        int created = 0;
        int existing = 0;
        int failed = 0;
        for (Org org : ORGS) {
            LocalInvoker.Response r = admin.post("/orgs", org.body());
            if (r.ok()) {
                created++;
            } else if (r.status() == 409) {
                existing++;
            } else {
                failed++;
                Console.warn("demo: POST /orgs " + org.orgId() + " -> " + r.status() + " " + errorCode(r));
            }
        }
        Console.info("demo: orgs " + created + " created, " + existing + " already there, " + failed + " failed");
        return failed == 0;
    }

    /**
     * The forestry item list from {@code demo/items.json}; an entry with {@code "retire"} is
     * created and then retired with that reason, so the demo shows an item's history.
     */
    private static boolean loadItems(LocalInvoker admin) {
        List<Map<String, Object>> items;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/items.json")) {
            items = JSON.readValue(in, new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/items.json: " + e.getMessage());
            return false;
        }
        int created = 0;
        int existing = 0;
        int failed = 0;
        for (Map<String, Object> item : items) {
            Map<String, Object> body = new LinkedHashMap<>(item);
            Object retireReason = body.remove("retire");
            LocalInvoker.Response r = admin.post("/items", body);
            if (r.status() == 409) {
                existing++;
                continue;
            }
            if (!r.ok()) {
                failed++;
                Console.warn("demo: POST /items " + item.get("itemId") + " -> " + r.status() + " " + errorCode(r));
                continue;
            }
            created++;
            if (retireReason != null) {
                LocalInvoker.Response retired = admin.post("/items/" + item.get("itemId") + "/retire",
                        Map.of("version", 1, "reason", retireReason));
                if (!retired.ok()) {
                    failed++;
                    Console.warn("demo: retire " + item.get("itemId") + " -> " + retired.status());
                }
            }
        }
        Console.info("demo: items " + created + " created, " + existing + " already there, " + failed + " failed");
        return failed == 0;
    }

    private static String errorCode(LocalInvoker.Response r) {
        try {
            return r.json().path("error").path("code").asText(r.json().path("message").asText(""));
        } catch (RuntimeException e) {
            return "";
        }
    }
}
