package spotcheck.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import spotcheck.api.Json;

/**
 * Canonical digests and field differences of entity snapshots (pure). A digest is keyed
 * (HMAC-SHA256): a plain hash of a snapshot whose masked fields leave only a few thousand
 * possibilities (a phone's middle digits) would let anyone who reads the trail recover them.
 */
public final class Digests {
    /** The name records carry in {@code digestAlg}. */
    public static final String ALGORITHM = "HMAC-SHA256";

    private Digests() { }

    /** HMAC-SHA256 under {@code key} of the snapshot as JSON with sorted keys, in hex; null for no snapshot. */
    public static String hmacSha256(byte[] key, Object snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonicalJson(snapshot)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot as compact UTF-8 JSON with the keys of every object sorted: what a digest is taken of. */
    public static byte[] canonicalJson(Object snapshot) {
        try {
            JsonNode tree = Json.MAPPER.valueToTree(snapshot);
            return Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(Json.MAPPER.treeToValue(tree, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
