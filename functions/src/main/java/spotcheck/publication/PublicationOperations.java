package spotcheck.publication;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations of publication: publish now, the public results, the batches. */
public final class PublicationOperations {
    private final PublicationService publication;

    public PublicationOperations(PublicationService publication) {
        this.publication = publication;
    }

    /** POST /tasks/{taskId}/publish. */
    public ApiResponse publish(ApiRequest r) {
        return ApiResponse.ok(publication.publish(r.actor(), r.path("taskId"),
                r.body(PublicationService.PublishInput.class)));
    }

    /** GET /public/results?creditCode= or ?planId= (no token). */
    public ApiResponse publicResults(ApiRequest r) {
        return ApiResponse.ok(publication.publicResults(r.query("creditCode").orElse(null),
                r.query("planId").orElse(null), r.limit(50, 200), r.query("next").orElse(null)));
    }

    /** GET /publications?year=. */
    public ApiResponse batches(ApiRequest r) {
        return ApiResponse.ok(publication.batches(r.query("year").orElse(null), r.limit(50, 200),
                r.query("next").orElse(null)));
    }

    /** GET /publications/{batchId}. */
    public ApiResponse batch(ApiRequest r) {
        return ApiResponse.ok(publication.batch(r.path("batchId")));
    }
}
