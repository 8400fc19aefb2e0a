package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.api.ApiException;
import spotcheck.store.Attrs;
import spotcheck.store.Tables;

class CalendarRepositoryTest {
    private final InMemoryDynamo dynamo = new InMemoryDynamo();
    private final CalendarRepository repository = new CalendarRepository(dynamo, new Tables("data", "audit"));
    private final YearCalendar y2027 = YearCalendar.of(2027, List.of(LocalDate.parse("2027-01-01")),
            List.of(LocalDate.parse("2027-02-06")));

    private static TransactWriteItem auditWrite(String sk) {
        return TransactWriteItem.builder().put(Put.builder().tableName("audit")
                .item(Map.of("entity", Attrs.s("calendar/2027"), "sk", Attrs.s(sk))).build()).build();
    }

    @Test
    void theItemIsKeyedByYearAndListable() {
        Map<String, AttributeValue> item = CalendarRepository.toItem(
                new StoredCalendar(y2027, 3, "2026-11-20T02:00:00Z", "admin-1"));
        assertThat(item.get("pk").s()).isEqualTo("CAL#2027");
        assertThat(item.get("sk").s()).isEqualTo("CALENDAR");
        assertThat(item.get("entityKind").s()).isEqualTo("CALENDAR");
        assertThat(item.get("entitySort").s()).isEqualTo("2027");
        assertThat(item.get("year").n()).isEqualTo("2027");
        assertThat(Attrs.strings(item, "holidays")).containsExactly("2027-01-01");
        assertThat(Attrs.strings(item, "workingDays")).containsExactly("2027-02-06");
        assertThat(CalendarRepository.fromItem(item))
                .isEqualTo(new StoredCalendar(y2027, 3, "2026-11-20T02:00:00Z", "admin-1"));
    }

    @Test
    void savesWithTheExpectedVersionOnly() {
        assertThat(repository.find(2027)).isEmpty();
        repository.save(new StoredCalendar(y2027, 1, "t1", "a"), 0, auditWrite("1"));
        assertThat(repository.find(2027)).get().extracting(StoredCalendar::version).isEqualTo(1L);

        // another container stored version 1 first: a second create, or a stale update, is a 409
        assertThatThrownBy(() -> repository.save(new StoredCalendar(y2027, 1, "t2", "b"), 0, auditWrite("2")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> repository.save(new StoredCalendar(y2027, 3, "t2", "b"), 2, auditWrite("3")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));

        repository.save(new StoredCalendar(y2027, 2, "t3", "c"), 1, auditWrite("4"));
        assertThat(repository.find(2027)).get().extracting(StoredCalendar::updatedBy).isEqualTo("c");
        assertThat(dynamo.audit).hasSize(2);
    }

    @Test
    void aStoredItemThatNoLongerValidatesIsNeverUsed() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(CalendarRepository.toItem(
                new StoredCalendar(y2027, 1, "t", "a")));
        item.put("workingDays", Attrs.list(List.of("2027-02-08")));  // a Monday
        assertThatThrownBy(() -> CalendarRepository.fromItem(item)).isInstanceOf(IllegalStateException.class);
    }
}
