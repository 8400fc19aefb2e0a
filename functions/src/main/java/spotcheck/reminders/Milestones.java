package spotcheck.reminders;

import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * The year's milestone list the reminder run announces ({@code GET,PUT /reminders/milestones}), one stored
 * entity; until an administrator sets one, DOMAIN.md's timeline ({@link #DEFAULTS}).
 */
public record Milestones(String milestonesId, List<Milestone> milestones, long version, String createdAt,
                         String updatedAt) implements Versioned {

    public static final EntityKind<Milestones> KIND = new EntityKind<>("RMS", "milestones", Milestones.class, true);
    public static final String ID = "timeline";
    /** The 2023 timeline as month-days: item list, rosters, the draws, the annual results and publication deadline. */
    public static final List<Milestone> DEFAULTS = List.of(
            new Milestone("item-list", "抽查事项清单", null, "06-15"),
            new Milestone("inspector-roster", "执法检查人员名录库", null, "06-30"),
            new Milestone("target-roster", "检查对象名录库", null, "07-31"),
            new Milestone("draws", "随机抽取", "08-01", "10-31"),
            new Milestone("results", "检查结果录入与公示", null, "10-31"));

    public Milestones {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    @Override
    public String id() {
        return milestonesId;
    }

    /** What a reader sees before anyone set a list: the defaults, at version 0. */
    public static Milestones defaults() {
        return new Milestones(ID, DEFAULTS, 0, null, null);
    }
}
