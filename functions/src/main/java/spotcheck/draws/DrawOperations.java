package spotcheck.draws;

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
        return view.record() != null ? ApiResponse.created(view, location) : ApiResponse.accepted(view, location);
    }

    /** POST /draws/{drawId}/void: 200 with the voided draw (its plan approved again, for one new draw). */
    public ApiResponse voidDraw(ApiRequest r) {
        return ApiResponse.ok(draws.voidDraw(r.actor(), r.path("drawId"), r.body(DrawService.VoidRequest.class)));
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(draws.get(r.caller(), r.path("drawId")));
    }

    public ApiResponse publicRecord(ApiRequest r) {
        return ApiResponse.ok(draws.publicRecord(r.path("drawId")));
    }

    public ApiResponse publicCandidates(ApiRequest r) {
        return ApiResponse.ok(draws.candidates(r.path("drawId")));
    }

    public ApiResponse verify(ApiRequest r) {
        return ApiResponse.ok(draws.verify(r.path("drawId")));
    }
}
