package spotcheck.store;

import java.util.List;
import spotcheck.store.MemoryStore.AuditEntry;

/** The store contract on the in-memory twin the service tests use. */
class MemoryStoreContractTest extends StoreContract {
    private MemoryStore memory;

    @Override
    protected Store emptyStore() {
        memory = new MemoryStore(CLOCK);
        return memory;
    }

    @Override
    protected List<AuditEntry> audit(String entity) {
        return memory.audit(entity);
    }
}
