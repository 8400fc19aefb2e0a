package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.DONGYUAN;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorAccess;
import spotcheck.roster.InspectorService;
import spotcheck.roster.InspectorService.InspectorInput;
import spotcheck.roster.InspectorService.InspectorUpdate;
import spotcheck.roster.RosterExports;
import spotcheck.roster.TargetService;
import spotcheck.store.MemoryStore;

/**
 * The login linked to an inspector (accountId) on the in-memory store: only administrators set, change or remove it;
 * anyone else's edit that leaves it out keeps it; and only administrators and the editors of the inspector's
 * organisation read it, in a single inspector, a list or an export.
 */
class InspectorAccountServiceTest {
    static final Actor OTHER_OPERATOR = new Actor(new Principal("op-9", "Operator", "hy-police",
            Set.of(Role.OPERATOR)), "req-op9");
    static final Principal INSPECTOR = new Principal("sub-wang", "王五", "hy-forest", Set.of(Role.INSPECTOR));
    static final Principal AUDITOR = new Principal("aud-1", "Auditor", "hy-bureau", Set.of(Role.AUDITOR));

    final MemoryStore store = new MemoryStore(CLOCK);
    final InspectorService inspectors = new InspectorService(store);

    @BeforeEach
    void orgs() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-police", "森林公安", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
    }

    static InspectorInput input(String certificateNo, String org, String accountId) {
        return new InspectorInput("王五", org, certificateNo, "2027-12-31", List.of(), List.of("林业"), List.of(),
                accountId);
    }

    /** The inspector as read, with a new expertise and the given accountId: a PUT body. */
    static InspectorUpdate edit(Inspector i, String accountId) {
        return new InspectorUpdate(i.inspectorId(), i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                i.qualifiedItems(), List.of("林业", "野生动物"), null, null, i.conflicts(), accountId, null,
                i.version(), null, null);
    }

    static DomainException failure(Runnable r) {
        return catchThrowableOfType(r::run, DomainException.class);
    }

    static void assertAdminOnly(DomainException e) {
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("Only an administrator may link a login to an inspector, change or"
                + " remove it (accountId, 账号); leave accountId out, empty or as it is");
    }

    @Test
    void anOperatorCannotLinkALoginWhenCreatingAnInspector() {
        assertAdminOnly(failure(() -> inspectors.create(OPERATOR, input("GD-1", "hy-forest", "op-1"))));
        assertThat(store.get(Inspector.KIND, "INS-GD-1")).isEmpty();
        Inspector created = inspectors.create(OPERATOR, input("GD-1", "hy-forest", " "));
        assertThat(created.accountId()).isNull();
        assertThat(inspectors.create(ADMIN, input("GD-2", "hy-forest", "sub-li")).accountId()).isEqualTo("sub-li");
    }

    @Test
    void anOperatorsPutWithoutAccountIdKeepsTheLinkedLogin() {
        Inspector v1 = inspectors.create(ADMIN, input("GD-1", "hy-forest", "sub-wang"));
        Inspector v2 = inspectors.update(OPERATOR, v1.inspectorId(), edit(v1, null));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.expertise()).containsExactly("林业", "野生动物");
        assertThat(v2.accountId()).isEqualTo("sub-wang");
        assertThat(store.require(Inspector.KIND, v1.inspectorId()).accountId()).isEqualTo("sub-wang");
        // empty is left out too; the same one, as read, is no change of it
        Inspector v3 = inspectors.update(OPERATOR, v1.inspectorId(), edit(v2, ""));
        assertThat(v3.accountId()).isEqualTo("sub-wang");
        Inspector v4 = inspectors.update(OPERATOR, v1.inspectorId(), edit(v3, " sub-wang "));
        assertThat(v4.accountId()).isEqualTo("sub-wang");
        assertThat(inspectors.byAccount("sub-wang")).map(Inspector::inspectorId).contains(v1.inspectorId());
    }

    @Test
    void anOperatorCannotChangeOrLinkALoginAndNothingIsWritten() {
        Inspector linked = inspectors.create(ADMIN, input("GD-1", "hy-forest", "sub-wang"));
        Inspector unlinked = inspectors.create(ADMIN, input("GD-2", "hy-forest", null));
        // their own login, to read every task naming the inspector
        assertAdminOnly(failure(() -> inspectors.update(OPERATOR, linked.inspectorId(), edit(linked, "op-1"))));
        assertAdminOnly(failure(() -> inspectors.update(OPERATOR, unlinked.inspectorId(), edit(unlinked, "op-1"))));
        Inspector countys = inspectors.create(ADMIN, input("GD-3", "dongyuan", "sub-zhao"));
        assertAdminOnly(failure(() -> inspectors.update(DONGYUAN, countys.inspectorId(), edit(countys, "county-1"))));
        assertThat(store.require(Inspector.KIND, linked.inspectorId())).isEqualTo(linked);
        assertThat(store.require(Inspector.KIND, unlinked.inspectorId())).isEqualTo(unlinked);
        assertThat(store.require(Inspector.KIND, countys.inspectorId())).isEqualTo(countys);
        assertThat(inspectors.byAccount("op-1")).isEmpty();
    }

    @Test
    void anAdministratorLinksChangesAndUnlinks() {
        Inspector v1 = inspectors.create(ADMIN, input("GD-1", "hy-forest", null));
        Inspector v2 = inspectors.update(ADMIN, v1.inspectorId(), edit(v1, "sub-wang"));
        assertThat(v2.accountId()).isEqualTo("sub-wang");
        Inspector v3 = inspectors.update(ADMIN, v1.inspectorId(), edit(v2, "sub-wang2"));
        assertThat(v3.accountId()).isEqualTo("sub-wang2");
        // an administrator's PUT replaces the whole inspector: left out, the link is removed
        Inspector v4 = inspectors.update(ADMIN, v1.inspectorId(), edit(v3, null));
        assertThat(v4.accountId()).isNull();
        assertThat(inspectors.byAccount("sub-wang2")).isEmpty();
    }

    @Test
    void theLinkedLoginIsReadByAdministratorsAndTheEditorsOfTheInspectorsOrganisationOnly() {
        Inspector forest = inspectors.create(ADMIN, input("GD-1", "hy-forest", "sub-wang"));
        Inspector county = inspectors.create(ADMIN, input("GD-2", "dongyuan", "sub-zhao"));
        for (Principal p : List.of(ADMIN.principal(), OPERATOR.principal())) {
            assertThat(inspectors.get(p, forest.inspectorId()).accountId()).isEqualTo("sub-wang");
        }
        for (Principal p : List.of(OTHER_OPERATOR.principal(), DONGYUAN.principal(), INSPECTOR, AUDITOR)) {
            Inspector seen = inspectors.get(p, forest.inspectorId());
            assertThat(seen.accountId()).as(p.subject()).isNull();
            assertThat(seen).isEqualTo(forest.withoutAccount());
        }
        assertThat(inspectors.get(DONGYUAN.principal(), county.inspectorId()).accountId()).isEqualTo("sub-zhao");
        assertThat(inspectors.get(OPERATOR.principal(), county.inspectorId()).accountId()).isNull();

        InspectorService.Query all = new InspectorService.Query(null, null, null, null);
        assertThat(inspectors.list(ADMIN.principal(), all, 50, null).items()).extracting(Inspector::accountId)
                .containsExactlyInAnyOrder("sub-wang", "sub-zhao");
        assertThat(inspectors.list(OPERATOR.principal(), all, 50, null).items())
                .extracting(Inspector::inspectorId, Inspector::accountId).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(forest.inspectorId(), "sub-wang"),
                        org.assertj.core.groups.Tuple.tuple(county.inspectorId(), null));
        assertThat(inspectors.list(INSPECTOR, all, 50, null).items()).extracting(Inspector::accountId)
                .containsOnlyNulls().hasSize(2);
        // the answer to an edit carries it for the editor
        assertThat(inspectors.update(OPERATOR, forest.inspectorId(), edit(forest, null)).accountId())
                .isEqualTo("sub-wang");
        assertThat(InspectorAccess.POLICY.view(AUDITOR, forest).accountId()).isNull();
    }

    @Test
    void theExportsAccountColumnIsEmptyForReadersWhoMayNotSeeIt() throws IOException {
        Inspector forest = inspectors.create(ADMIN, input("GD-1", "hy-forest", "sub-wang"));
        inspectors.create(ADMIN, input("GD-2", "dongyuan", "sub-zhao"));
        RosterExports exports = new RosterExports(store, new TargetService(store, CLOCK), inspectors);
        InspectorService.Query all = new InspectorService.Query(null, null, null, null);
        assertThat(accounts(exports.inspectors(ADMIN.principal(), all, "csv")))
                .containsExactly("账号", "sub-wang", "sub-zhao");
        assertThat(accounts(exports.inspectors(OPERATOR.principal(), all, "csv"))).containsExactly("账号", "sub-wang", "");
        assertThat(accounts(exports.inspectors(DONGYUAN.principal(), all, "csv"))).containsExactly("账号", "", "sub-zhao");
        for (Principal p : List.of(INSPECTOR, AUDITOR, OTHER_OPERATOR.principal())) {
            byte[] file = exports.inspectors(p, all, "csv");
            assertThat(accounts(file)).as(p.subject()).containsExactly("账号", "", "");
            assertThat(new String(file, StandardCharsets.UTF_8)).doesNotContain("sub-wang", "sub-zhao");
        }
        assertThat(forest.accountId()).isEqualTo("sub-wang");
    }

    /** The 账号 column of an exported CSV, header first, rows in id order. */
    private static List<String> accounts(byte[] csv) throws IOException {
        byte[] body = csv;
        if (csv.length >= 3 && (csv[0] & 0xff) == 0xEF) {
            body = java.util.Arrays.copyOfRange(csv, 3, csv.length);
        }
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8)).getRecords();
        int column = records.get(0).toList().indexOf("账号");
        return records.stream().map(r -> r.get(column)).toList();
    }
}
