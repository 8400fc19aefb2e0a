package spotcheck.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.LocalStack;
import spotcheck.local.template.TemplateModel;
import spotcheck.store.Attrs;
import spotcheck.store.AuditKey;
import spotcheck.store.AuditRecords;
import spotcheck.store.Dynamo;
import spotcheck.store.EntityStore;
import spotcheck.store.MemoryStore.AuditEntry;
import spotcheck.store.Store;
import spotcheck.store.StoreContract;
import spotcheck.store.Tables;

/**
 * The store contract on {@link EntityStore} against the emulator: each test on fresh tables made from the
 * template's definitions (the same keys and indexes), so it starts as empty as the in-memory store does.
 */
class DynamoStoreContractTest extends StoreContract {
    private static final AtomicInteger RUN = new AtomicInteger();
    private DynamoDbClient dynamo;
    private Tables tables;

    @Override
    protected Store emptyStore() {
        LocalStack stack = Stack.get();
        String suffix = "-contract-" + ProcessHandle.current().pid() + "-" + RUN.incrementAndGet();
        List<TemplateModel.Table> fresh = new ArrayList<>();
        for (TemplateModel.Table t : stack.template().tables()) {
            fresh.add(new TemplateModel.Table(t.logicalId(), t.name() + suffix, t.attributes(), t.keySchema(),
                    t.globalIndexes(), t.localIndexes(), t.ttlAttribute()));
        }
        try {
            Emulator.attach(stack.awsUrl(), Files.createTempDirectory("store-contract")).createTables(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tables = new Tables(stack.tableName("DataTable") + suffix, stack.tableName("AuditTable") + suffix);
        dynamo = Dynamo.client();
        return new EntityStore(dynamo, tables, new AuditRecords(tables, CLOCK,
                AuditKey.of("store-contract".getBytes(StandardCharsets.UTF_8))), CLOCK);
    }

    @Override
    protected List<AuditEntry> audit(String entity) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> r : dynamo.query(q -> q.tableName(tables.audit()).consistentRead(true)
                .keyConditionExpression("entity = :e").expressionAttributeValues(Map.of(":e", Attrs.s(entity))))
                .items()) {
            entries.add(new AuditEntry(Attrs.str(r, "entity"), Attrs.str(r, "action"), Attrs.str(r, "actor"),
                    Attrs.str(r, "actorOrg"), Attrs.str(r, "requestId"), Attrs.num(r, "version"),
                    Attrs.strings(r, "changedFields"), Attrs.str(r, "importId")));
        }
        return entries;
    }
}
