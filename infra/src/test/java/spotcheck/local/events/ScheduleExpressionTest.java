package spotcheck.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Next fire times of EventBridge schedule expressions, and the forms refused. */
class ScheduleExpressionTest {
    private static final Instant ANCHOR = Instant.parse("2026-10-28T10:00:00Z");

    private static Instant next(String expression, String zone, String after) {
        return ScheduleExpression.parse(expression, zone).next(Instant.parse(after), ANCHOR).orElseThrow();
    }

    @Test
    void dailyCronInBeijingTimeFiresAtOneUtc() {
        assertThat(next("cron(0 9 * * ? *)", "Asia/Shanghai", "2026-10-28T00:59:59Z"))
                .isEqualTo("2026-10-28T01:00:00Z");
        // Strictly after: at the fire time itself, the next one is the next day.
        assertThat(next("cron(0 9 * * ? *)", "Asia/Shanghai", "2026-10-28T01:00:00Z"))
                .isEqualTo("2026-10-29T01:00:00Z");
        assertThat(next("cron(0 9 * * ? *)", null, "2026-10-28T01:00:00Z")).isEqualTo("2026-10-28T09:00:00Z");
    }

    @Test
    void stepsRangesAndLists() {
        assertThat(next("cron(0/15 * * * ? *)", null, "2026-10-28T10:07:30Z")).isEqualTo("2026-10-28T10:15:00Z");
        assertThat(next("cron(*/5 * * * ? *)", null, "2026-10-28T10:59:00Z")).isEqualTo("2026-10-28T11:00:00Z");
        assertThat(next("cron(10-50/20 8 * * ? *)", null, "2026-10-28T08:31:00Z")).isEqualTo("2026-10-28T08:50:00Z");
        assertThat(next("cron(10-50/20 8 * * ? *)", null, "2026-10-28T08:50:00Z")).isEqualTo("2026-10-29T08:10:00Z");
        assertThat(next("cron(0 0 1,15 * ? *)", null, "2026-10-02T00:00:00Z")).isEqualTo("2026-10-15T00:00:00Z");
        assertThat(next("cron(0 0 1,15 * ? *)", null, "2026-10-15T00:00:00Z")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(next("cron(0 6,18 * * ? *)", null, "2026-10-28T06:00:00Z")).isEqualTo("2026-10-28T18:00:00Z");
    }

    @Test
    void daysOfWeekCountFromSundayAndTakeNames() {
        // 2026-10-30 is a Friday: weekdays only, the next is Monday.
        assertThat(next("cron(0 18 ? * MON-FRI *)", null, "2026-10-30T18:00:00Z")).isEqualTo("2026-11-02T18:00:00Z");
        assertThat(next("cron(0 18 ? * 2-6 *)", null, "2026-10-30T18:00:00Z")).isEqualTo("2026-11-02T18:00:00Z");
        // 1 is Sunday: from Wednesday 2026-10-28 the next Sunday is 2026-11-01.
        assertThat(next("cron(0 12 ? * 1 *)", null, "2026-10-28T00:00:00Z")).isEqualTo("2026-11-01T12:00:00Z");
        assertThat(next("cron(0 12 ? * SAT,SUN *)", null, "2026-10-28T00:00:00Z")).isEqualTo("2026-10-31T12:00:00Z");
    }

    @Test
    void monthsAndYears() {
        assertThat(next("cron(0 8 1 JAN ? 2027)", null, "2026-10-28T00:00:00Z")).isEqualTo("2027-01-01T08:00:00Z");
        assertThat(next("cron(0 8 1 7 ? 2027-2030)", null, "2027-07-01T08:00:00Z")).isEqualTo("2028-07-01T08:00:00Z");
        // 31 days only in the months that have them.
        assertThat(next("cron(0 0 31 * ? *)", null, "2026-10-31T00:00:00Z")).isEqualTo("2026-12-31T00:00:00Z");
        assertThat(ScheduleExpression.parse("cron(0 8 1 JAN ? 2027)", null)
                .next(Instant.parse("2027-01-01T08:00:00Z"), ANCHOR)).isEqualTo(Optional.empty());
    }

    @Test
    void aTimeDaylightSavingSkipsFiresAtTheShiftedInstant() {
        // 2026-03-08 02:30 does not exist in New York (clocks go from 02:00 EST to 03:00 EDT).
        assertThat(next("cron(30 2 * * ? *)", "America/New_York", "2026-03-08T05:00:00Z"))
                .isEqualTo("2026-03-08T07:30:00Z");
        assertThat(next("cron(30 2 * * ? *)", "America/New_York", "2026-03-08T07:30:00Z"))
                .isEqualTo("2026-03-09T06:30:00Z");
    }

    @Test
    void ratesCountWholePeriodsFromTheAnchor() {
        assertThat(next("rate(5 minutes)", null, "2026-10-28T10:12:00Z")).isEqualTo("2026-10-28T10:15:00Z");
        assertThat(next("rate(5 minutes)", null, "2026-10-28T10:05:00Z")).isEqualTo("2026-10-28T10:10:00Z");
        assertThat(next("rate(5 minutes)", null, "2026-10-28T09:00:00Z")).isEqualTo("2026-10-28T10:00:00Z");
        assertThat(next("rate(1 minute)", null, "2026-10-28T10:00:00Z")).isEqualTo("2026-10-28T10:01:00Z");
        assertThat(next("rate(2 hours)", null, "2026-10-28T11:59:59Z")).isEqualTo("2026-10-28T12:00:00Z");
        assertThat(next("rate(1 day)", "Asia/Shanghai", "2026-10-28T10:00:00Z")).isEqualTo("2026-10-29T10:00:00Z");
        assertThat(ScheduleExpression.parse("rate(3 days)", null).isRate()).isTrue();
    }

    @Test
    void refusesWhatItDoesNotSupportSayingWhat() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 L * ? *)", null))
                .hasMessage("cron(0 9 L * ? *): day-of-month 'L' uses L, W or #, which the local stack does not"
                        + " support");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 ? * 6#3 *)", null))
                .hasMessage("cron(0 9 ? * 6#3 *): day-of-week '6#3' uses L, W or #, which the local stack does not"
                        + " support");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 15W * ? *)", null))
                .hasMessageContaining("'15W' uses L, W or #");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * * * *)", null))
                .hasMessage("cron(0 9 * * * *): exactly one of day-of-month and day-of-week must be ?");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * *)", null))
                .hasMessage("cron(0 9 * *): cron() takes six fields (minutes hours day-of-month month day-of-week"
                        + " year), not 4");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(60 9 * * ? *)", null))
                .hasMessage("cron(60 9 * * ? *): minutes value 60 is outside 0-59");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * FOO ? *)", null))
                .hasMessage("cron(0 9 * FOO ? *): month 'FOO' is not a value, list, range or step the local stack"
                        + " understands");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)", null))
                .hasMessage("rate(0 minutes): the rate must be a positive number");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 weeks)", null))
                .hasMessage("rate(5 weeks): not a schedule expression; use rate(N minutes|hours|days) or"
                        + " cron(minutes hours day-of-month month day-of-week year)");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * * ? *)", "Mars/Base"))
                .hasMessage("unknown time zone Mars/Base");
    }
}
