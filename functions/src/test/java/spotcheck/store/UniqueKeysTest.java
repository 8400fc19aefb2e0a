package spotcheck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/** The claims EntityStore writes for an entity's unique keys, and what a taken one answers. */
class UniqueKeysTest {
    /** A named thing, unique by group and name. */
    public record Thing(String id, String group, String name, long version) implements Versioned { }

    static final EntityKind<Thing> KIND = new EntityKind<>("THG", "thing", Thing.class, false,
            t -> List.of(new UniqueKey("name", t.group() + "#" + t.name(), "name", "the name '" + t.name() + "'")));

    /** Records each transaction; answers with the cancellation reasons it is given, in turn. */
    static final class Recorder implements DynamoDbClient {
        final List<TransactWriteItemsRequest> transactions = new ArrayList<>();
        final List<List<String>> cancellations = new ArrayList<>();
        final Map<String, Map<String, AttributeValue>> items = new HashMap<>();

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            transactions.add(request);
            if (!cancellations.isEmpty()) {
                List<CancellationReason> reasons = cancellations.remove(0).stream()
                        .map(c -> CancellationReason.builder().code(c).build()).toList();
                throw TransactionCanceledException.builder().cancellationReasons(reasons).message("cancelled").build();
            }
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return GetItemResponse.builder().item(items.get(request.key().get("pk").s())).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() { }
    }

    final Recorder dynamo = new Recorder();
    final Tables tables = new Tables("data", "audit");
    final Clock clock = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
    final EntityStore store = new EntityStore(dynamo, tables,
            new AuditRecords(tables, clock, AuditKey.of("unique-keys-test".getBytes(StandardCharsets.UTF_8))), clock);
    final Actor actor = new Actor(new Principal("admin-1", "管理员", "hy-forestry", Set.of(Role.ADMIN)), "req-1");

    List<TransactWriteItem> writes() {
        return dynamo.transactions.get(dynamo.transactions.size() - 1).transactItems();
    }

    static List<TransactWriteItem> claims(List<TransactWriteItem> writes) {
        return writes.stream().filter(w -> w.put() != null && w.put().item().containsKey("ownerId")
                || w.delete() != null).toList();
    }

    @Test
    void createClaimsEachUniqueKeyUnlessAnotherEntityHoldsIt() {
        store.create(KIND, new Thing("T1", "g1", "林木采伐监督检查", 1), actor);
        List<TransactWriteItem> claims = claims(writes());
        assertThat(claims).hasSize(1);
        var put = claims.get(0).put();
        assertThat(put.tableName()).isEqualTo("data");
        assertThat(put.item()).isEqualTo(Map.of("pk", Attrs.s("UNIQUE#THG#name#g1#林木采伐监督检查"),
                "sk", Attrs.s("#"), "ownerId", Attrs.s("T1")));
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(pk) OR #o = :id");
        assertThat(put.expressionAttributeNames()).isEqualTo(Map.of("#o", "ownerId"));
        assertThat(put.expressionAttributeValues()).isEqualTo(Map.of(":id", Attrs.s("T1")));
        // the entity itself still needs its id free, in the same transaction
        assertThat(writes().get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void aRenameFreesTheOldKeyAndClaimsTheNewOneInTheSameTransaction() {
        store.update(KIND, new Thing("T1", "g1", "旧名", 3), new Thing("T1", "g1", "新名", 4), actor, "update");
        List<TransactWriteItem> claims = claims(writes());
        assertThat(claims).hasSize(2);
        assertThat(claims.get(0).put().item().get("pk").s()).isEqualTo("UNIQUE#THG#name#g1#新名");
        assertThat(claims.get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(pk) OR #o = :id");
        var delete = claims.get(1).delete();
        assertThat(delete.key()).isEqualTo(Map.of("pk", Attrs.s("UNIQUE#THG#name#g1#旧名"), "sk", Attrs.s("#")));
        // never frees a claim another entity holds
        assertThat(delete.conditionExpression()).isEqualTo("attribute_not_exists(pk) OR #o = :id");
        assertThat(delete.expressionAttributeValues()).isEqualTo(Map.of(":id", Attrs.s("T1")));
        assertThat(writes().get(0).put().conditionExpression()).isEqualTo("#v = :expected");
    }

    @Test
    void anUpdateThatKeepsItsKeysWritesNoClaim() {
        store.update(KIND, new Thing("T1", "g1", "名", 3), new Thing("T1", "g1", "名", 4), actor, "update");
        assertThat(claims(writes())).isEmpty();
    }

    @Test
    void aKeyAnotherEntityHoldsAnswers409NamingIt() {
        dynamo.items.put("UNIQUE#THG#name#g1#名", Map.of("pk", Attrs.s("UNIQUE#THG#name#g1#名"), "sk", Attrs.s("#"),
                "ownerId", Attrs.s("T0")));
        dynamo.cancellations.add(List.of("None", "ConditionalCheckFailed", "None"));
        assertThatThrownBy(() -> store.create(KIND, new Thing("T1", "g1", "名", 1), actor))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("conflict");
                    assertThat(e.getMessage()).isEqualTo("The thing 'T0' already has the name '名'");
                    assertThat(e.details()).containsExactly(new DomainException.Detail("name",
                            "The thing 'T0' already has the name '名'"));
                });
    }

    @Test
    void aTakenIdStillAnswersTheStoresOwnMessage() {
        dynamo.cancellations.add(List.of("ConditionalCheckFailed", "None", "None"));
        assertThatThrownBy(() -> store.create(KIND, new Thing("T1", "g1", "名", 1), actor))
                .isInstanceOf(DomainException.class).hasMessage("A thing with id 'T1' already exists");
    }

    @Test
    void aTransactionCancelledByAConcurrentOneIsTriedAgain() {
        dynamo.cancellations.add(List.of("None", "TransactionConflict", "None"));
        store.create(KIND, new Thing("T1", "g1", "名", 1), actor);
        assertThat(dynamo.transactions).hasSize(2);
        // each attempt is idempotent on its own token (the SDK resends one with it), and a new attempt has a new one
        String first = dynamo.transactions.get(0).clientRequestToken();
        String second = dynamo.transactions.get(1).clientRequestToken();
        assertThat(first).matches("[0-9a-f-]{36}");
        assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
    }
}
