package spotcheck.calendar;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.store.Attrs;
import spotcheck.store.Tables;
import spotcheck.store.Transaction;

/**
 * Calendars an administrator has stored, one item per year in the data table:
 * pk {@code CAL#2027}, sk {@code CALENDAR}, listable through the byKind index.
 */
public final class CalendarRepository {
    static final String SK = "CALENDAR";
    static final String KIND = "CALENDAR";
    // The byKind index attributes, as named in template.yaml.
    static final String KIND_ATTRIBUTE = "entityKind";
    static final String KIND_SORT_ATTRIBUTE = "entitySort";

    private final DynamoDbClient dynamo;
    private final Tables tables;

    public CalendarRepository(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    static String pk(int year) {
        return "CAL#" + year;
    }

    /** Read consistently: an administrator's change must count from the next request on, in every container. */
    public Optional<StoredCalendar> find(int year) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(tables.data())
                .key(Map.of("pk", Attrs.s(pk(year)), "sk", Attrs.s(SK)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Stores {@code next} if the stored version is still {@code expectedVersion} (0: nothing
     * stored yet), together with its audit record; otherwise 409 and nothing changes.
     */
    public void save(StoredCalendar next, long expectedVersion, TransactWriteItem auditRecord) {
        Put.Builder put = Put.builder().tableName(tables.data()).item(toItem(next));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", Attrs.n(expectedVersion)));
        }
        int year = next.calendar().year();
        new Transaction()
                .add(TransactWriteItem.builder().put(put.build()).build())
                .add(auditRecord)
                .commit(dynamo, "The calendar for " + year + " has changed since version " + expectedVersion
                        + "; read it again (GET /calendar/" + year + ") and send the current version");
    }

    static Map<String, AttributeValue> toItem(StoredCalendar stored) {
        YearCalendar calendar = stored.calendar();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attrs.s(pk(calendar.year())));
        item.put("sk", Attrs.s(SK));
        item.put(KIND_ATTRIBUTE, Attrs.s(KIND));
        item.put(KIND_SORT_ATTRIBUTE, Attrs.s(Integer.toString(calendar.year())));
        item.put("year", Attrs.n(calendar.year()));
        item.put("holidays", Attrs.list(isoStrings(calendar.holidays())));
        item.put("workingDays", Attrs.list(isoStrings(calendar.workingDays())));
        item.put("version", Attrs.n(stored.version()));
        Attrs.putIfPresent(item, "updatedAt", stored.updatedAt());
        Attrs.putIfPresent(item, "updatedBy", stored.updatedBy());
        return item;
    }

    /** A stored item that no longer validates was edited outside the API: fail loudly, never compute with it. */
    static StoredCalendar fromItem(Map<String, AttributeValue> item) {
        int year = (int) Attrs.num(item, "year");
        YearCalendar calendar;
        try {
            calendar = YearCalendar.parse(year, Attrs.strings(item, "holidays"), Attrs.strings(item, "workingDays"));
        } catch (InvalidCalendarException e) {
            throw new IllegalStateException("Stored " + e.getMessage(), e);
        }
        return new StoredCalendar(calendar, Attrs.num(item, "version"), Attrs.str(item, "updatedAt"),
                Attrs.str(item, "updatedBy"));
    }

    static List<String> isoStrings(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).toList();
    }
}
