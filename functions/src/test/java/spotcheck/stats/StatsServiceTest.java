package spotcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.DONGYUAN;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.core.Json;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draws.DrawJob;
import spotcheck.jobs.JobState;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.stats.StatsService.CountyLine;
import spotcheck.stats.StatsService.DepartmentLine;
import spotcheck.stats.StatsService.ItemLine;
import spotcheck.stats.StatsService.Overall;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.Task;

/**
 * The year's coverage on the in-memory store: live random tasks count, a voided draw's and another year's do not,
 * problem-driven tasks are counted apart, and a county account sees its county alone.
 */
class StatsServiceTest {
    final MemoryStore store = new MemoryStore(CLOCK);
    final StatsService stats = new StatsService(store, new CandidatePool(store));

    @BeforeEach
    void year() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-police", "河源市公安局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        item("ITEM-1", "hy-forest", "active");
        item("ITEM-2", "hy-forest", "active");
        item("ITEM-P", "hy-police", "active");
        item("ITEM-OLD", "hy-forest", "retired");
        // 40 targets in dongyuan under ITEM-1, 20 in heping under ITEM-1 and ITEM-2, 5 in heping under ITEM-P
        for (int i = 0; i < 40; i++) {
            target("D" + i, "dongyuan", "active", "ITEM-1");
        }
        for (int i = 0; i < 20; i++) {
            target("H" + i, "heping", "active", "ITEM-1", "ITEM-2");
        }
        for (int i = 0; i < 5; i++) {
            target("P" + i, "heping", "active", "ITEM-P");
        }
        target("GONE", "dongyuan", "deregistered", "ITEM-1");
        target("NEVER", "dongyuan", "deregistered", "ITEM-1");

        // a live draw of 2026 over ITEM-1: D0, D1, H0 (unassigned) and GONE (deregistered since)
        draw("DRW-2026-aaaa-1", false);
        task("DRW-2026-aaaa-1", "D0", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-1");
        task("DRW-2026-aaaa-1", "D1", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-1");
        task("DRW-2026-aaaa-1", "H0", 2026, Task.RANDOM, Task.UNASSIGNED, "ITEM-1");
        task("DRW-2026-aaaa-1", "GONE", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-1");
        // a joint draw over ITEM-2 and ITEM-P: H0 again and P0
        draw("DRW-2026-bbbb-1", false);
        task("DRW-2026-bbbb-1", "H0", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-2", "ITEM-P");
        task("DRW-2026-bbbb-1", "P0", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-2", "ITEM-P");
        // a voided draw: counts for nothing
        draw("DRW-2026-cccc-1", true);
        task("DRW-2026-cccc-1", "D5", 2026, Task.RANDOM, Task.ASSIGNED, "ITEM-1");
        // another year's draw: not this year's
        draw("DRW-2025-dddd-1", false);
        task("DRW-2025-dddd-1", "D6", 2025, Task.RANDOM, Task.ASSIGNED, "ITEM-1");
        // a problem-driven check of D7: counted apart, not drawn
        store.create(Task.KIND, new Task("TSK-2026-problem-D7", Task.PROBLEM, 2026, null, null, "D7", null,
                List.of("ITEM-1"), List.of("hy-forest"), List.of("INS-1", "INS-2"), Task.ASSIGNED, null, true, null,
                "complaint", "12345", null, null, null, null, null, null, 1, store.now(), store.now()), ADMIN);
    }

    @Test
    void theWholeCityForAnAdministrator() {
        StatsService.Stats s = stats.coverage(ADMIN.principal(), 2026);
        assertThat(s.year()).isEqualTo(2026);
        assertThat(s.floor()).isEqualTo("0.03");
        assertThat(s.county()).isNull();
        // 65 active and GONE (drawn, deregistered since) in scope; drawn D0, D1, H0, GONE, P0
        assertThat(s.overall()).isEqualTo(new Overall(66, 5, 2, "0.0757", true));
        assertThat(s.byItem()).containsExactly(
                // D0, D1, H0 and GONE drawn for ITEM-1 (GONE in scope as drawn)
                new ItemLine("ITEM-1", "事项 ITEM-1", "hy-forest", "active", 61, 4, 2, "0.0655", true),
                new ItemLine("ITEM-2", "事项 ITEM-2", "hy-forest", "active", 20, 1, 1, "0.0500", true),
                new ItemLine("ITEM-P", "事项 ITEM-P", "hy-police", "active", 5, 1, 1, "0.2000", true));
        assertThat(s.byDepartment()).containsExactly(
                new DepartmentLine("hy-forest", "资源科", 61, 4, 2, "0.0655", true),
                new DepartmentLine("hy-police", "河源市公安局", 5, 1, 1, "0.2000", true));
        assertThat(s.byCounty()).containsExactly(
                new CountyLine("dongyuan", "东源县", 41, 3, 2, "0.0731", true),
                new CountyLine("heping", "和平县", 25, 2, 1, "0.0800", true));
        assertThat(s.problemDriven().tasks()).isEqualTo(1);
        assertThat(s.tasks()).isEqualTo(new StatsService.TaskCounts(7, 6, 1));
        // six live random tasks, none with a result yet; nothing published
        assertThat(s.completionRate()).isEqualTo("0.0000");
        assertThat(s.onTimePublicationRate()).isNull();
        // orgs, the year's tasks, the pool, items; the tasks' draws are read by id, to leave out the voided
        assertThat(s.read().indexItems()).isEqualTo(5 + 8 + 65 + 4);
    }

    @Test
    void nullRatesAreWrittenAsNull() {
        String json = Json.writeString(stats.coverage(ADMIN.principal(), 2027));
        assertThat(json).contains("\"completionRate\":null", "\"onTimePublicationRate\":null", "\"county\":null",
                "\"random\":{\"tasks\":0,\"completed\":0,\"rate\":null}",
                "\"publication\":{\"completed\":0,\"exempt\":0,\"toPublish\":0,\"published\":0,\"rate\":null,"
                        + "\"onTime\":0,\"late\":0,\"onTimeRate\":null,\"overdueUnpublished\":0}",
                "\"joint\":{\"randomTasks\":0,\"jointTasks\":0,\"share\":null}");
    }

    @Test
    void aYearWithNothingDrawnFallsShort() {
        StatsService.Stats s = stats.coverage(ADMIN.principal(), 2027);
        assertThat(s.overall()).isEqualTo(new Overall(65, 0, 2, "0.0000", false));
        assertThat(s.tasks()).isEqualTo(new StatsService.TaskCounts(0, 0, 0));
        assertThat(s.byCounty()).extracting(CountyLine::meetsFloor).containsExactly(false, false);
    }

    @Test
    void aCountyAccountSeesItsOwnCountyOnly() {
        StatsService.Stats s = stats.coverage(DONGYUAN.principal(), 2026);
        assertThat(s.county()).isEqualTo("dongyuan");
        assertThat(s.overall()).isEqualTo(new Overall(41, 3, 2, "0.0731", true));
        assertThat(s.byCounty()).containsExactly(new CountyLine("dongyuan", "东源县", 41, 3, 2, "0.0731", true));
        assertThat(s.byItem()).isEmpty();
        assertThat(s.byDepartment()).isEmpty();
        // D0, D1, GONE and the problem-driven check of D7
        assertThat(s.tasks()).isEqualTo(new StatsService.TaskCounts(4, 4, 0));
        assertThat(s.problemDriven().tasks()).isEqualTo(1);
    }

    @Test
    void operatorsAndAuditorsSeeTheCityAndInspectorsNothing() {
        Principal operator = new Principal("op", "op", "hy-police", Set.of(Role.OPERATOR));
        Principal auditor = new Principal("au", "au", "hy-bureau", Set.of(Role.AUDITOR));
        assertThat(stats.coverage(operator, 2026).byCounty()).hasSize(2);
        assertThat(stats.coverage(auditor, 2026).overall().drawn()).isEqualTo(5);
        Principal inspector = new Principal("in", "in", "hy-forest", Set.of(Role.INSPECTOR));
        assertThatThrownBy(() -> stats.coverage(inspector, 2026)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
    }

    private void item(String id, String department, String status) {
        store.create(Item.KIND, new Item(id, "事项 " + id, department, "general", "法", "内容", List.of("on_site"),
                List.of("enterprise"), status, "retired".equals(status) ? "废止" : null, null, 1, store.now(),
                store.now()), ADMIN);
    }

    private void target(String id, String county, String status, String... items) {
        store.create(Target.KIND, new Target(id, null, "对象 " + id, "enterprise", county, List.of(items), "B", status,
                "active".equals(status) ? null : "已注销", "张三", null, null, null, List.of(), null, 1, "t", "t"),
                ADMIN);
    }

    private void draw(String drawId, boolean voided) {
        store.create(DrawJob.KIND, new DrawJob(drawId, "PLAN-" + drawId.substring(4, drawId.length() - 2), 1,
                "00".repeat(32), null, null, JobState.SUCCEEDED, 1, null, "r", "c", 0, 0, 0, true, 0,
                voided ? new DrawJob.Voiding("见证人缺席", store.now(), "admin-1") : null, List.of(), List.of(), "admin-1",
                "hy-bureau", List.of("admin"), 1, store.now(), null, null, store.now()), ADMIN);
    }

    private void task(String drawId, String targetId, int year, String kind, String status, String... items) {
        store.create(Task.KIND, new Task(Task.drawnId(drawId, targetId), kind, year, null, drawId, targetId, "ALL",
                List.of(items), List.of("hy-forest"), Task.ASSIGNED.equals(status) ? List.of("INS-1", "INS-2")
                : List.of(), status, Task.UNASSIGNED.equals(status) ? "too_few_inspectors" : null, false, null, null,
                null, null, null, null, null, null, null, 1, store.now(), store.now()), ADMIN);
    }
}
