package spotcheck.validation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import spotcheck.core.DomainException;

/**
 * Collects every problem with an input before answering, so a client fixes all of
 * them in one go (422 with one detail per field). Pure: no I/O.
 */
public final class Checks {
    private final List<DomainException.Detail> problems = new ArrayList<>();

    public Checks problem(String field, String message) {
        problems.add(new DomainException.Detail(field, message));
        return this;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<DomainException.Detail> problems() {
        return List.copyOf(problems);
    }

    /** Throws 422 listing every problem, if there is any. */
    public void throwIfAny(String summary) {
        if (!problems.isEmpty()) {
            throw DomainException.invalid(summary + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"), problems);
        }
    }

    /** A non-blank text of at most {@code max} characters. */
    public Checks text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return problem(field, field + " is required");
        }
        return optionalText(field, value, max);
    }

    public Checks optionalText(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            problem(field, field + " is longer than " + max + " characters");
        }
        if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            problem(field, field + " contains control characters");
        }
        return this;
    }

    public Checks required(String field, Object value) {
        if (value == null) {
            problem(field, field + " is required");
        }
        return this;
    }

    public Checks oneOf(String field, String value, Set<String> allowed) {
        if (value == null) {
            return problem(field, field + " is required; one of " + sorted(allowed));
        }
        if (!allowed.contains(value)) {
            problem(field, "'" + value + "' is not a valid " + field + "; use one of " + sorted(allowed));
        }
        return this;
    }

    public Checks optionalOneOf(String field, String value, Set<String> allowed) {
        return value == null ? this : oneOf(field, value, allowed);
    }

    /** A non-empty list of distinct values, each from {@code allowed}. */
    public Checks nonEmptySubset(String field, List<String> values, Set<String> allowed) {
        if (values == null || values.isEmpty()) {
            return problem(field, field + " needs at least one of " + sorted(allowed));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || !allowed.contains(v)) {
                problem(field + "[" + i + "]", "'" + v + "' is not a valid value; use one of " + sorted(allowed));
            } else if (!seen.add(v)) {
                problem(field + "[" + i + "]", "'" + v + "' is listed twice");
            }
        }
        return this;
    }

    public Checks matches(String field, String value, Pattern pattern, String expectation) {
        if (value != null && !pattern.matcher(value).matches()) {
            problem(field, field + " " + expectation);
        }
        return this;
    }

    /** An ISO date (YYYY-MM-DD); null when absent or invalid (the problem is recorded). */
    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            problem(field, field + " is required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problem(field, "'" + value + "' is not a date of the form YYYY-MM-DD");
            return null;
        }
    }

    /** What a year parameter must be. */
    public static final String YEAR_RULE = "year must be a year from 2000 to 2100";

    /**
     * A year (four digits, 2000 to 2100; surrounding blanks ignored), or null when absent or blank; an invalid one is
     * recorded as a problem of {@code field} ({@value #YEAR_RULE}) and answers null. The one parser of the year
     * parameters of plans, tasks and statistics.
     */
    public Integer optionalYear(String field, String raw) {
        String s = raw == null ? null : raw.trim();
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.matches("[0-9]{4}")) {
            int y = Integer.parseInt(s);
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        }
        problem(field, YEAR_RULE);
        return null;
    }

    /** {@link #optionalYear} of the {@code year} parameter, answering 422 at once when it is invalid. */
    public static Integer year(String raw) {
        Checks checks = new Checks();
        Integer year = checks.optionalYear("year", raw);
        if (!checks.ok()) {
            throw DomainException.invalid("year", YEAR_RULE);
        }
        return year;
    }

    private static String sorted(Collection<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
