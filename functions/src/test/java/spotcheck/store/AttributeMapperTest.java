package spotcheck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.DomainException;

class AttributeMapperTest {
    record Nested(String code, long count) { }

    record Entity(String id, String name, long version, List<String> tags, Nested nested, Boolean flag,
                  String absent) { }

    @Test
    void roundTripsThroughNativeAttributes() {
        Entity e = new Entity("ITEM-1", "林木采伐监督检查", 7, List.of("on_site", "written"), new Nested("x", 3), true,
                null);
        Map<String, AttributeValue> item = AttributeMapper.toItem(e);
        assertThat(item.get("name").s()).isEqualTo("林木采伐监督检查");
        assertThat(item.get("version").n()).isEqualTo("7");
        assertThat(item.get("tags").l()).extracting(AttributeValue::s).containsExactly("on_site", "written");
        assertThat(item).doesNotContainKey("absent");
        item.put("pk", Attrs.s("ITEM#ITEM-1"));
        assertThat(AttributeMapper.fromItem(item, Entity.class, Set.of("pk"))).isEqualTo(e);
    }

    @Test
    void cursorRoundTripsAndRejectsForgeries() {
        Map<String, AttributeValue> key = Map.of("pk", Attrs.s("ITEM#1"), "sk", Attrs.s("#"));
        assertThat(Cursor.decode(Cursor.encode(key))).isEqualTo(key);
        assertThat(Cursor.encode(Map.of())).isNull();
        assertThatThrownBy(() -> Cursor.decode("not-a-cursor!"))
                .isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.MALFORMED));
    }
}
