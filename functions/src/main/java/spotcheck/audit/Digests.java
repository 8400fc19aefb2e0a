package spotcheck.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import spotcheck.api.Json;

/** Canonical digests and field differences of entity snapshots (pure). */
public final class Digests {
    private Digests() { }

    /** SHA-256 of the snapshot as JSON with sorted keys; null for no snapshot. */
    public static String sha256(Object snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            JsonNode tree = Json.MAPPER.valueToTree(snapshot);
            byte[] canonical = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(Json.MAPPER.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of top-level fields whose values differ, sorted. Only names: values may be personal data. */
    public static List<String> changedFields(Object before, Object after) {
        ObjectNode b = before == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(before);
        ObjectNode a = after == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(after);
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!b.path(name).equals(a.path(name))) {
                changed.add(name);
            }
        }
        return changed;
    }
}
