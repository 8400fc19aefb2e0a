package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import spotcheck.local.LocalStack;

/** {@code --demo} loads the Heyuan bureau and its item list through the API, and loading twice is harmless. */
class DemoDataTest {

    @Test
    void theDemoLoadsOrgsAndItemsAndSurvivesARestart() throws Exception {
        Path dir = Files.createTempDirectory("spotcheck-demo");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir).reset(true)
                .demo(true))) {
            assertDemo(stack);
        }
        // a second start on the same data loads the demo again: everything is already there
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir).demo(true))) {
            assertDemo(stack);
        }
    }

    private static void assertDemo(LocalStack stack) {
        Api api = new Api(stack.apiUrl().toString().replaceAll("/$", ""));
        String token = stack.token("demo-reader", "读者", "hy-forestry", "auditor");
        JsonNode orgs = api.get("/orgs?limit=200", token).json().get("items");
        assertThat(orgs).extracting(o -> o.get("orgId").asText())
                .contains("hy-forestry", "hy-forestry-resources", "dongyuan", "lianping", "hy-police");
        assertThat(orgs).filteredOn(o -> o.get("kind").asText().equals("county")).hasSize(6);
        assertThat(orgs).filteredOn(o -> o.get("kind").asText().equals("department")).hasSize(5);

        JsonNode items = api.get("/items?limit=200", token).json().get("items");
        assertThat(items).hasSize(14);
        assertThat(api.get("/items?department=hy-police", token).json().get("items"))
                .extracting(i -> i.get("name").asText()).containsExactly("爆破作业单位抽查");
        JsonNode retired = api.get("/items/HYLY-013", token).json();
        assertThat(retired.get("status").asText()).isEqualTo("retired");
        assertThat(api.get("/items/HYLY-013/history", token).json().get("items")).hasSize(2);
    }
}
