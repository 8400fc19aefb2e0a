package spotcheck.reminders;

import java.util.List;
import spotcheck.notifications.Audience;

/**
 * One reminder of one run: a rule's deadline of one entity at one stage, the people it is for (in-app audiences)
 * and a short text naming ids only (task, plan, case, inspector ids; never an ID number or phone).
 * {@code org} is the responsible department (a message attribute channels may filter on), or null.
 */
public record Reminder(String rule, String stage, String subjectKind, String subjectId, String dueDate, String org,
                       String title, String message, List<Audience> audiences) {

    public Reminder {
        audiences = List.copyOf(audiences);
    }

    /** What the ledger and the channels know a reminder by: rule, entity and stage. */
    public String key() {
        return rule + "|" + subjectId + "|" + stage;
    }
}
