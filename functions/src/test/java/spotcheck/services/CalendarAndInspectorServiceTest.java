package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;

import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.CalendarEntry;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.calendar.YearCalendar;
import spotcheck.core.DomainException;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorService;
import spotcheck.roster.InspectorService.DeactivateInput;
import spotcheck.roster.InspectorService.InspectorInput;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** CalendarService and InspectorService on the in-memory store: no emulator. */
class CalendarAndInspectorServiceTest {
    final MemoryStore store = new MemoryStore(CLOCK);

    @Test
    void aCalendarYearIsStoredOnTheVersionSent() {
        CalendarService calendar = new CalendarService(store, OfficialCalendars.load());
        YearCalendar y = YearCalendar.parse(2031, List.of("2031-01-01"), List.of());
        CalendarEntry first = calendar.put(y, 0, ADMIN);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.source()).isEqualTo(CalendarEntry.Source.CONFIGURED);
        assertThatThrownBy(() -> calendar.put(y, 0, ADMIN)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("The calendar for 2031 is at version 1, not 0; read it again"
                    + " (GET /calendar/2031) and send the current version");
        });
        CalendarEntry second = calendar.put(YearCalendar.parse(2031, List.of("2031-01-01", "2031-01-02"), List.of()),
                1, ADMIN);
        assertThat(second.version()).isEqualTo(2);
        assertThat(calendar.find(2031)).contains(second);
        assertThat(store.audit("calendar/2031")).extracting(AuditEntry::action, AuditEntry::version, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create", 1L, "admin-1"),
                        org.assertj.core.groups.Tuple.tuple("update", 2L, "admin-1"));
        assertThat(store.audit("calendar/2031").get(1).changedFields()).containsExactly("holidays", "version");
    }

    @Test
    void anInspectorIsCreatedOnceAndDeactivatedOnTheVersionRead() {
        new OrgService(store).create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        InspectorService inspectors = new InspectorService(store);
        InspectorInput in = new InspectorInput("王五", "hy-bureau", "GD-0001", "2027-12-31", List.of(), List.of("林业"),
                List.of(), null);
        Inspector v1 = inspectors.create(ADMIN, in);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(store.require(Inspector.KIND, v1.inspectorId())).isEqualTo(v1);
        assertThatThrownBy(() -> inspectors.create(ADMIN, in)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
        assertThatThrownBy(() -> inspectors.deactivate(ADMIN, v1.inspectorId(), new DeactivateInput(5L, "调离")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "The inspector '" + v1.inspectorId() + "' was changed by someone else; read it again and"
                                + " retry (current version 1)"));
        Inspector v2 = inspectors.deactivate(ADMIN, v1.inspectorId(), new DeactivateInput(1L, "调离"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.require(Inspector.KIND, v1.inspectorId())).isEqualTo(v2);
        String entity = "inspector/" + v1.inspectorId();
        assertThat(store.audit(entity)).extracting(AuditEntry::action).containsExactly("create", "deactivate");
        assertThat(store.audit(entity).get(1).changedFields()).contains("status", "version");
        assertThat(store.audit(entity).get(1).requestId()).isEqualTo("req-admin");
    }
}
