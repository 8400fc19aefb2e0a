package spotcheck.reminders;

/**
 * One step of the year's timeline (DOMAIN.md's 2023 timeline by default): {@code from} and {@code through} as
 * month-day ({@code MM-DD}); a one-day milestone has no {@code from}. Reminded a few working days before it
 * opens (when it has a {@code from}) and before it closes.
 */
public record Milestone(String key, String name, String from, String through) { }
