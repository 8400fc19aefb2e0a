package spotcheck.reminders;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spotcheck.calendar.WorkingDays;

/**
 * The reminder rules, pure: which dates a run reads up to, and the stage of a deadline on the day of the run,
 * on the official calendar (holidays and adjusted working days, 调休). No store, no AWS.
 */
public final class ReminderRules {
    private final WorkingDays calendar;
    private final ReminderSettings settings;

    public ReminderRules(WorkingDays calendar, ReminderSettings settings) {
        this.calendar = calendar;
        this.settings = settings;
    }

    public ReminderSettings settings() {
        return settings;
    }

    /** The {@code days}-th working day before {@code date} (0: the date itself). */
    public LocalDate minusWorkingDays(LocalDate date, int days) {
        LocalDate d = date;
        int counted = 0;
        while (counted < days) {
            d = d.minusDays(1);
            if (calendar.isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /**
     * Results are late for a plan that ended on or before this date: {@code resultGraceDays} working days before
     * {@code today} (the byDue {@code result} partition is read through it).
     */
    public LocalDate resultCutoff(LocalDate today) {
        return minusWorkingDays(today, settings.resultGraceDays());
    }

    /** The last due date a run reminds of as due soon: {@code dueSoonDays} working days after today. */
    public LocalDate dueSoonThrough(LocalDate today) {
        return calendar.add(today, settings.dueSoonDays());
    }

    /**
     * A publication's (or a penalty publication's) stage: overdue once its day has passed, due soon from
     * {@code dueSoonDays} working days before it through the day itself, else none.
     */
    public Optional<String> deadlineStage(LocalDate today, LocalDate due) {
        if (due.isBefore(today)) {
            return Optional.of(Stage.OVERDUE);
        }
        return due.isAfter(dueSoonThrough(today)) ? Optional.empty() : Optional.of(Stage.DUE_SOON);
    }

    /** A task's results: overdue when its plan ended {@code resultGraceDays} working days ago or earlier. */
    public Optional<String> resultStage(LocalDate today, LocalDate planEnd) {
        return planEnd.isAfter(resultCutoff(today)) ? Optional.empty() : Optional.of(Stage.OVERDUE);
    }

    /** The last day a certificate may run to and be reminded of ({@code certificateDays} calendar days ahead). */
    public LocalDate certificateThrough(LocalDate today) {
        return today.plusDays(settings.certificateDays());
    }

    /** A certificate's stage: expired (overdue) after its last valid day, due soon within the window. */
    public Optional<String> certificateStage(LocalDate today, LocalDate validUntil) {
        if (validUntil.isBefore(today)) {
            return Optional.of(Stage.OVERDUE);
        }
        return validUntil.isAfter(certificateThrough(today)) ? Optional.empty() : Optional.of(Stage.DUE_SOON);
    }

    /** A milestone falling due: which of its dates, and the stage. */
    public record MilestoneDue(Milestone milestone, String stage, LocalDate date) { }

    /**
     * The milestones of today's year a run reminds of: a period opening, or a milestone closing, within
     * {@code milestoneLeadDays} working days (the day itself included). Missed days are not caught up: a
     * milestone is announced on the working days of its lead time, once (the ledger).
     */
    public List<MilestoneDue> milestones(LocalDate today, List<Milestone> list) {
        LocalDate horizon = calendar.add(today, settings.milestoneLeadDays());
        List<MilestoneDue> out = new ArrayList<>();
        for (Milestone m : list) {
            if (m.from() != null) {
                LocalDate from = MonthDay.parse("--" + m.from()).atYear(today.getYear());
                if (!from.isBefore(today) && !from.isAfter(horizon)) {
                    out.add(new MilestoneDue(m, Stage.OPENS, from));
                }
            }
            LocalDate through = MonthDay.parse("--" + m.through()).atYear(today.getYear());
            if (!through.isBefore(today) && !through.isAfter(horizon)) {
                out.add(new MilestoneDue(m, Stage.DUE_SOON, through));
            }
        }
        return out;
    }
}
