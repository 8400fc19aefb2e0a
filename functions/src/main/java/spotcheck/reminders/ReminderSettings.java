package spotcheck.reminders;

import spotcheck.core.Env;

/**
 * The local practice the reminder rules leave to the deployment: results are late {@code resultGraceDays}
 * working days after the plan's end (default 5, {@code REMINDER_RESULT_GRACE_DAYS}); publications and penalty
 * publications are due soon {@code dueSoonDays} working days ahead (3); milestones are announced
 * {@code milestoneLeadDays} working days ahead (3); certificates {@code certificateDays} calendar days before
 * they lapse (30).
 */
public record ReminderSettings(int resultGraceDays, int dueSoonDays, int milestoneLeadDays, int certificateDays) {

    public static ReminderSettings defaults() {
        return new ReminderSettings(5, 3, 3, 30);
    }

    public static ReminderSettings fromEnvironment() {
        ReminderSettings d = defaults();
        return new ReminderSettings(Integer.parseInt(Env.get("REMINDER_RESULT_GRACE_DAYS",
                String.valueOf(d.resultGraceDays()))), d.dueSoonDays(), d.milestoneLeadDays(), d.certificateDays());
    }
}
