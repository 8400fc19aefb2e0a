package spotcheck.imports;

/** Why a whole file cannot be imported: a stable code and a message its sender can act on. */
public final class ImportFailure extends Exception {
    private final String code;

    public ImportFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
