package spotcheck.draws;

import java.util.Map;
import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.core.Env;

/**
 * HTTP operations on draws: {@code POST /plans/{planId}/draw} (201 with the finished draw, or 202 while it goes on
 * in the draw function, named by {@code DRAW_FUNCTION}), {@code GET /draws/{drawId}}, {@code POST
 * /draws/{drawId}/void}, and the public record, candidate list and verification under {@code /public/draws}.
 */
public final class DrawOperations {
    private final DrawService draws;

    public DrawOperations(DrawService draws) {
        this.draws = draws;
    }

    public ApiResponse draw(ApiRequest r) {
        DrawService.DrawRequest in = r.bodyOrEmpty(DrawService.DrawRequest.class, new DrawService.DrawRequest(null));
        DrawService.DrawView view = draws.draw(r.actor(), r.path("planId"), in, Env.get("DRAW_FUNCTION", null));
        String location = "/draws/" + view.draw().drawId();
        return view.hasRecord() ? ApiResponse.created(view, location) : ApiResponse.accepted(view, location);
    }

    /** POST /draws/{drawId}/void: 200 with the voided draw (its plan approved again, for one new draw). */
    public ApiResponse voidDraw(ApiRequest r) {
        return ApiResponse.ok(draws.voidDraw(r.actor(), r.path("drawId"), r.body(DrawService.VoidRequest.class)));
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(draws.get(r.caller(), r.path("drawId")));
    }

    public ApiResponse publicRecord(ApiRequest r) {
        return answer(draws.publicRecordDocument(r.path("drawId")));
    }

    public ApiResponse publicCandidates(ApiRequest r) {
        return answer(draws.publicCandidates(r.path("drawId")));
    }

    /** Inline, or 303 to the stored document (a presigned URL, valid 15 minutes) when it is too large. */
    private static ApiResponse answer(DrawService.PublicDocument document) {
        if (document.location() == null) {
            return ApiResponse.ok(document.inline());
        }
        return new ApiResponse(303, null, Map.of("Location", document.location(), "Cache-Control", "no-store"));
    }

    public ApiResponse verify(ApiRequest r) {
        return ApiResponse.ok(draws.verify(r.path("drawId")));
    }
}
