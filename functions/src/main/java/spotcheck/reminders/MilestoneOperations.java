package spotcheck.reminders;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /reminders/milestones. */
public final class MilestoneOperations {
    private final MilestoneService milestones;

    public MilestoneOperations(MilestoneService milestones) {
        this.milestones = milestones;
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(milestones.get());
    }

    public ApiResponse put(ApiRequest r) {
        return ApiResponse.ok(milestones.put(r.actor(), r.body(MilestoneService.MilestonesInput.class)));
    }
}
