package spotcheck.roster;

import static spotcheck.validation.Text.blankToNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import spotcheck.validation.Checks;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;
import spotcheck.validation.Text;

/** What makes a target valid, and its natural key (pure; references resolved through {@link References}). */
public final class TargetRules {
    /** 信用风险分类: A low, B general, C elevated, D high. */
    public static final Set<String> RISK_CLASSES = Set.of("A", "B", "C", "D");
    public static final Set<String> STATUSES = Set.of("active", "deregistered");
    /** Review flags: kept, but someone should look. */
    public static final String FLAG_CHECKSUM = "credit_code_checksum";
    public static final String FLAG_LEGACY_NUMBER = "legacy_registration_number";
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9]{7,15}$");
    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private TargetRules() { }

    /** What a client or a file row says about a target. */
    public record TargetFields(String creditCode, String name, String type, String county, List<String> items,
                               String riskClass, String status, String statusReason, String legalRep,
                               String address, String contactPhone, String idNumber) { }

    /** The fields as they will be stored, with the target's id and its review flags. */
    public record Checked(String targetId, TargetFields fields, List<String> reviewFlags) { }

    /**
     * Checks every field, recording each problem; answers the normalised target when there is none.
     * A credit code failing its checksum is accepted and flagged, never rejected.
     */
    public static Optional<Checked> check(Checks checks, TargetFields in, References refs, LocalDate today) {
        List<String> flags = new ArrayList<>();
        String creditCode = null;
        if (blankToNull(in.creditCode()) != null) {
            CreditCode.Check code = CreditCode.check(in.creditCode());
            switch (code.verdict()) {
                case VALID -> creditCode = code.code();
                case CHECKSUM_MISMATCH -> {
                    creditCode = code.code();
                    flags.add(FLAG_CHECKSUM);
                }
                case LEGACY_REGISTRATION_NUMBER -> {
                    creditCode = code.code();
                    flags.add(FLAG_LEGACY_NUMBER);
                }
                case MALFORMED -> checks.problem("creditCode", "creditCode '" + in.creditCode().trim() + "': "
                        + code.problem());
            }
        }
        String name = blankToNull(in.name()) == null ? null : in.name().trim().replaceAll("\\s+", " ");
        checks.text("name", name, 200)
                .oneOf("type", blankToNull(in.type()), ItemRules.TARGET_TYPES)
                .oneOf("riskClass", blankToNull(in.riskClass()), RISK_CLASSES)
                .optionalOneOf("status", blankToNull(in.status()), STATUSES)
                .optionalText("statusReason", in.statusReason(), 1000)
                .optionalText("legalRep", blankToNull(in.legalRep()), 50)
                .optionalText("address", blankToNull(in.address()), 200);
        String county = null;
        if (blankToNull(in.county()) == null) {
            checks.problem("county", "county is required");
        } else {
            county = refs.county(in.county().trim()).orElse(null);
            if (county == null) {
                checks.problem("county", "'" + in.county().trim() + "' is not an active county");
            }
        }
        List<String> items = items(checks, "items", in.items(), refs);
        // NFKC first: a number typed with a full-width input method has full-width digits too
        String phone = blankToNull(in.contactPhone()) == null ? null
                : Normalizer.normalize(in.contactPhone(), Normalizer.Form.NFKC).replaceAll("[\\s()-]", "");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            checks.problem("contactPhone", "'" + in.contactPhone().trim() + "' is not a phone number");
        }
        String idNumber = blankToNull(in.idNumber()) == null ? null : IdNumber.normalize(in.idNumber());
        if (idNumber != null) {
            IdNumber.problem(idNumber, today).ifPresent(p -> checks.problem("idNumber", "idNumber: " + p));
        }
        String status = blankToNull(in.status()) == null ? "active" : in.status().trim();
        if (!checks.ok()) {
            return Optional.empty();
        }
        TargetFields fields = new TargetFields(creditCode, name, in.type().trim(), county, items,
                in.riskClass().trim(), status, "active".equals(status) ? null : blankToNull(in.statusReason()),
                blankToNull(in.legalRep()), blankToNull(in.address()), phone, idNumber);
        return Optional.of(new Checked(naturalId(creditCode, name, county), fields, List.copyOf(flags)));
    }

    /**
     * The target's id: its credit code where it has one; otherwise derived from county and name
     * (compared without spaces and with full-width forms folded), so the same target in next
     * year's file finds this one.
     */
    public static String naturalId(String creditCode, String name, String county) {
        if (creditCode != null) {
            return creditCode;
        }
        String key = county + "\n" + Text.matchKey(name);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("T-");
            for (int i = 0; i < 16; i++) {
                id.append(BASE32[(hash[i] & 0xff) % 32]);
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Item references as ids; problems are recorded under {@code field}, the name the client sent them by. */
    static List<String> items(Checks checks, String field, List<String> given, References refs) {
        Set<String> ids = new LinkedHashSet<>();
        if (given == null) {
            return List.of();
        }
        for (String ref : given) {
            if (blankToNull(ref) == null) {
                continue;
            }
            Optional<String> id = refs.item(ref.trim());
            List<String> sharing = id.isEmpty() ? refs.itemsSharing(ref.trim()) : List.of();
            if (!sharing.isEmpty()) {
                checks.problem(field, "'" + ref.trim() + "' is the name of items of several departments: "
                        + String.join(", ", sharing) + "; give the item id instead");
            } else if (id.isEmpty()) {
                checks.problem(field, "'" + ref.trim() + "' is not an active inspection item");
            } else {
                ids.add(id.get());
            }
        }
        return List.copyOf(ids);
    }
}
