package spotcheck.validation;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** The resident ID number (公民身份号码, GB 11643-1999), pure: 17 digits and a check character. */
public final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumber() { }

    /** Spaces removed, full-width digits and X (as typed in Chinese spreadsheets) made plain. */
    public static String normalize(String raw) {
        return raw == null ? null
                : Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** Why the number is not valid, or empty when it is; {@code today} bounds the birth date. */
    public static Optional<String> problem(String raw, LocalDate today) {
        String id = normalize(raw);
        if (id == null || id.length() != 18) {
            return Optional.of("an ID number has 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            // ASCII only: Character.isDigit also accepts the digits of other scripts
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return Optional.of("the first 17 characters of an ID number are digits");
            }
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("characters 7-14 of an ID number are a birth date, and " + id.substring(6, 14)
                    + " is not one");
        }
        if (birth.getYear() < 1900 || birth.isAfter(today)) {
            return Optional.of("the birth date " + birth + " in the ID number is not plausible");
        }
        char expected = checkCharacter(id.substring(0, 17));
        if (id.charAt(17) != expected) {
            return Optional.of("the check character does not match (a typing error?)");
        }
        return Optional.empty();
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
