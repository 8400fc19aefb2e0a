package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * An object outside the caller's scope answers exactly as one that does not exist: for every verb and
 * every body, the same status and the same bytes (the id the caller sent in its place), and nothing changes.
 */
class OutOfScopeE2ETest extends WorldTest {

    /** A request on one target id, as sent by a county account. */
    private record Call(String name, Function<String, Api.Reply> send) { }

    private static List<Call> targetCalls(String existingBodySource) {
        ObjectNode read = (ObjectNode) api.get("/targets/" + existingBodySource, w.adminToken).json();
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", id -> api.get("/targets/" + id, w.countyStaff)));
        calls.add(new Call("PUT with its version", id -> api.put("/targets/" + id, w.countyStaff,
                body(read, id, b -> b.put("riskClass", "A")))));
        calls.add(new Call("PUT with a stale version", id -> api.put("/targets/" + id, w.countyStaff,
                body(read, id, b -> b.put("version", 7)))));
        calls.add(new Call("PUT without version", id -> api.put("/targets/" + id, w.countyStaff,
                body(read, id, b -> b.remove("version")))));
        calls.add(new Call("PUT with an invalid body", id -> api.put("/targets/" + id, w.countyStaff,
                body(read, id, b -> b.put("name", "").put("riskClass", "Z")))));
        calls.add(new Call("PUT moving it to the caller's county", id -> api.put("/targets/" + id, w.countyStaff,
                body(read, id, b -> b.put("county", w.county)))));
        calls.add(new Call("PUT with an empty object", id -> api.put("/targets/" + id, w.countyStaff, "{}")));
        calls.add(new Call("PUT with malformed JSON", id -> api.put("/targets/" + id, w.countyStaff, "{\"name\":")));
        calls.add(new Call("POST deactivate", id -> api.post("/targets/" + id + "/deactivate", w.countyStaff,
                "{\"version\":1,\"reason\":\"已注销\"}")));
        calls.add(new Call("POST deactivate without version", id -> api.post("/targets/" + id + "/deactivate",
                w.countyStaff, "{\"reason\":\"已注销\"}")));
        calls.add(new Call("POST deactivate without reason", id -> api.post("/targets/" + id + "/deactivate",
                w.countyStaff, "{\"version\":1}")));
        calls.add(new Call("POST deactivate with an empty body", id -> api.post("/targets/" + id + "/deactivate",
                w.countyStaff, "")));
        return calls;
    }

    /** The target as read, with the id the request names, changed. */
    private static String body(ObjectNode read, String id, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode b = read.deepCopy();
        b.put("targetId", id);
        b.put("creditCode", id);
        change.accept(b);
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> anotherCountysTargetAnswersAsAMissingOne() {
        String theirs = w.newTarget(w.county2);
        String missing = w.newCreditCode();
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : targetCalls(theirs)) {
            tests.add(DynamicTest.dynamicTest(call.name(), () -> {
                Api.Reply hidden = call.send().apply(theirs);
                Api.Reply absent = call.send().apply(missing);
                assertThat(hidden.status()).as(hidden.text()).isEqualTo(absent.status());
                assertThat(hidden.header("content-type")).isEqualTo(absent.header("content-type"));
                assertThat(hidden.text().replace(theirs, missing)).isEqualTo(absent.text());
                if (!call.name().contains("malformed") && !call.name().contains("empty body")) {
                    assertThat(absent.status()).isEqualTo(404);
                    assertThat(absent.text()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":"
                            + "\"No target with id '" + missing + "'\",\"details\":[]}}");
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("and nothing changed", () -> {
            var stored = api.get("/targets/" + theirs, w.adminToken).json();
            assertThat(stored.get("version").asLong()).isEqualTo(1);
            assertThat(stored.get("riskClass").asText()).isEqualTo("B");
            assertThat(stored.get("status").asText()).isEqualTo("active");
            assertThat(stored.get("county").asText()).isEqualTo(w.county2);
        }));
        return tests.stream();
    }

    @Test
    void anotherDepartmentsInspectorIsRefusedBeforeItsBodyIsRead() {
        // Inspectors are read city-wide, so another department's is no secret: 403, whatever the body says.
        String id = w.newInspector(w.deptA);
        ObjectNode i = (ObjectNode) api.get("/inspectors/" + id, w.adminToken).json();
        String forbidden = "{\"error\":{\"code\":\"forbidden\",\"message\":\"Your account may not act for organisation '"
                + w.deptA + "'\",\"details\":[]}}";
        ObjectNode noVersion = i.deepCopy();
        noVersion.remove("version");
        ObjectNode invalid = i.deepCopy();
        invalid.put("name", "").put("certificateValidUntil", "明年");
        for (String body : List.of(i.toString(), noVersion.toString(), invalid.toString(), "{}")) {
            Api.Reply r = api.put("/inspectors/" + id, w.operatorB, body);
            assertThat(r.status()).as(body).isEqualTo(403);
            assertThat(r.text()).isEqualTo(forbidden);
        }
        for (String body : List.of("{\"version\":1,\"reason\":\"调离\"}", "{\"reason\":\"调离\"}", "{}")) {
            Api.Reply r = api.post("/inspectors/" + id + "/deactivate", w.operatorB, body);
            assertThat(r.status()).as(body).isEqualTo(403);
            assertThat(r.text()).isEqualTo(forbidden);
        }
        // a missing inspector is 404 for every body
        for (String body : List.of(i.toString(), "{}")) {
            Api.Reply r = api.put("/inspectors/INS-NOBODY-" + w.suffix, w.operatorB, body);
            assertThat(r.text()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"No inspector with id "
                    + "'INS-NOBODY-" + w.suffix + "'\",\"details\":[]}}");
        }
        assertThat(api.get("/inspectors/" + id, w.adminToken).json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anotherDepartmentsItemIsRefusedBeforeItsBodyIsRead() {
        String id = w.newItem(w.deptA, "抽查事项 " + w.suffix);
        ObjectNode item = (ObjectNode) api.get("/items/" + id, w.adminToken).json();
        String forbidden = "{\"error\":{\"code\":\"forbidden\",\"message\":\"Your account may not act for organisation '"
                + w.deptA + "'\",\"details\":[]}}";
        ObjectNode noVersion = item.deepCopy();
        noVersion.remove("version");
        for (String body : List.of(item.toString(), noVersion.toString(), "{}")) {
            Api.Reply r = api.put("/items/" + id, w.operatorB, body);
            assertThat(r.status()).as(body).isEqualTo(403);
            assertThat(r.text()).isEqualTo(forbidden);
        }
        for (String body : List.of("{\"version\":1,\"reason\":\"废止\"}", "{}")) {
            Api.Reply r = api.post("/items/" + id + "/retire", w.operatorB, body);
            assertThat(r.text()).as(body).isEqualTo(forbidden);
        }
        Api.Reply missing = api.put("/items/ITEM-NONE" + w.suffix, w.operatorB, "{}");
        assertThat(missing.text()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"No item with id "
                + "'ITEM-NONE" + w.suffix + "'\",\"details\":[]}}");
    }
}
