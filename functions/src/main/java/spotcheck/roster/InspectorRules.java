package spotcheck.roster;

import static spotcheck.validation.Text.blankToNull;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spotcheck.validation.Checks;
import spotcheck.validation.Logins;

/** What makes an inspector valid, and their natural key, the certificate number (pure). */
public final class InspectorRules {
    public static final Set<String> STATUSES = Set.of("active", "inactive");
    static final Pattern PLAIN_CERTIFICATE = Pattern.compile("^[A-Z0-9-]{2,40}$");
    /** 2027-12-31, 2027/12/31, 2027.12.31, 2027年12月31日. */
    private static final Pattern LOOSE_DATE = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");

    private InspectorRules() { }

    public record InspectorFields(String name, String org, String certificateNo, String certificateValidUntil,
                                  List<String> qualifiedItems, List<String> expertise, String status,
                                  String statusReason, List<String> conflicts, String accountId) { }

    public record Checked(String inspectorId, InspectorFields fields) { }

    public static Optional<Checked> check(Checks checks, InspectorFields in, References refs) {
        String name = blankToNull(in.name());
        checks.text("name", name, 50)
                .optionalOneOf("status", blankToNull(in.status()), STATUSES)
                .optionalText("statusReason", in.statusReason(), 1000);
        String org = null;
        if (blankToNull(in.org()) == null) {
            checks.problem("org", "org is required (the inspector's department or county bureau)");
        } else {
            org = refs.org(in.org().trim()).orElse(null);
            if (org == null) {
                checks.problem("org", "'" + in.org().trim() + "' is not an active organisation");
            }
        }
        String certificateNo = normalizeCertificate(in.certificateNo());
        checks.text("certificateNo", certificateNo, 40);
        String validUntil = date(checks, "certificateValidUntil", in.certificateValidUntil());
        List<String> items = TargetRules.items(checks, "qualifiedItems", in.qualifiedItems(), refs);
        List<String> expertise = tags(checks, "expertise", in.expertise(), 30, 20);
        List<String> conflicts = tags(checks, "conflicts", in.conflicts(), 64, 500);
        String accountId = accountId(checks, in.accountId());
        if (!checks.ok()) {
            return Optional.empty();
        }
        String status = blankToNull(in.status()) == null ? "active" : in.status().trim();
        return Optional.of(new Checked(naturalId(certificateNo), new InspectorFields(name, org, certificateNo,
                validUntil, items, expertise, status, "active".equals(status) ? null : blankToNull(in.statusReason()),
                conflicts, accountId)));
    }

    /** The login an inspector's account signs in with (the token's {@code sub}), checked as {@link Logins} does. */
    public static String accountId(Checks checks, String raw) {
        return Logins.check(checks, "accountId", raw);
    }

    /** Enforcement certificate numbers compared without spaces, full-width forms folded, upper case. */
    public static String normalizeCertificate(String raw) {
        if (blankToNull(raw) == null) {
            return null;
        }
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** {@code INS-} and the certificate number where it is plain; otherwise derived from it. */
    public static String naturalId(String certificateNo) {
        if (PLAIN_CERTIFICATE.matcher(certificateNo).matches()) {
            return "INS-" + certificateNo;
        }
        return "INS-" + TargetRules.naturalId(null, certificateNo, "certificate").substring(2);
    }

    /** A date as staff type it, as YYYY-MM-DD; null with the problem recorded when it is not one. */
    static String date(Checks checks, String field, String raw) {
        String s = blankToNull(raw);
        if (s == null) {
            checks.problem(field, field + " is required (YYYY-MM-DD)");
            return null;
        }
        Matcher m = LOOSE_DATE.matcher(s);
        String iso = m.matches() ? String.format("%s-%02d-%02d", m.group(1), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))) : s;
        try {
            LocalDate date = LocalDate.parse(iso);
            if (date.getYear() < 1990 || date.getYear() > 2100) {
                checks.problem(field, field + " " + iso + " is not a plausible date");
                return null;
            }
            return iso;
        } catch (DateTimeParseException e) {
            checks.problem(field, "'" + s + "' is not a date of the form YYYY-MM-DD");
            return null;
        }
    }

    private static List<String> tags(Checks checks, String field, List<String> given, int maxLength, int maxCount) {
        if (given == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : given) {
            String t = blankToNull(tag);
            if (t == null) {
                continue;
            }
            checks.optionalText(field, t, maxLength);
            tags.add(t);
        }
        if (tags.size() > maxCount) {
            checks.problem(field, field + " has more than " + maxCount + " entries");
        }
        return List.copyOf(tags);
    }
}
