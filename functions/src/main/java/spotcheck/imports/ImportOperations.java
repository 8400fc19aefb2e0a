package spotcheck.imports;

import java.util.Locale;
import spotcheck.core.DomainException;
import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /imports. */
public final class ImportOperations {
    private final ImportService imports;

    public ImportOperations(ImportService imports) {
        this.imports = imports;
    }

    public ApiResponse start(ApiRequest r) {
        ImportService.Started s = imports.start(r.actor(), r.body(ImportService.StartInput.class));
        return ApiResponse.created(s, "/imports/" + s.importId());
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(imports.get(r.caller(), r.path("importId")));
    }

    public ApiResponse byKey(ApiRequest r) {
        return ApiResponse.ok(imports.byKey(r.caller(), r.requireQuery("key")));
    }

    public ApiResponse template(ApiRequest r) {
        String kind = r.path("kind");
        String format = r.query("format").orElse("xlsx").toLowerCase(Locale.ROOT);
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw DomainException.invalid("format", "format is xlsx or csv");
        }
        byte[] file = imports.template(kind, format);
        return ApiResponse.file(file, format.equals("csv") ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ImportService.templateFileName(kind, format));
    }
}
