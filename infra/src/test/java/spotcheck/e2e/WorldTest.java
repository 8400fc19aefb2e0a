package spotcheck.e2e;

import org.junit.jupiter.api.BeforeAll;

/** Base of the end-to-end test classes: the shared stack's API and a world of organisations of the class's own. */
abstract class WorldTest {
    static Api api;
    static World w;

    @BeforeAll
    static void world() {
        api = Stack.api();
        w = new World(api);
    }
}
