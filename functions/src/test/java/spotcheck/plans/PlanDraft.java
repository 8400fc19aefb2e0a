package spotcheck.plans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spotcheck.plans.PlanRules.PlanFields;

/** A plan body for tests, valid as made (a random 2023 plan of hy-forest), changed field by field. */
public final class PlanDraft {
    public Integer year = 2023;
    public String name = "2023年林木采伐监督检查";
    public String level;
    public String type = "random";
    public String leadDepartment = "hy-forest";
    public List<String> departments = new ArrayList<>();
    public Boolean joint;
    public List<String> items = new ArrayList<>(List.of("ITEM-F1"));
    public PlanScope scope;
    public Map<String, Object> quota = new LinkedHashMap<>(Map.of("ALL", "0.03"));
    public Integer inspectorsPerTarget = 2;
    public String startDate = "2023-08-01";
    public String endDate = "2023-10-31";
    public Boolean excludeDrawnThisYear;
    public List<String> redrawClasses;

    public static PlanDraft random() {
        return new PlanDraft();
    }

    /** A targeted plan over {@code counties}. */
    public static PlanDraft targeted(String... counties) {
        PlanDraft d = new PlanDraft();
        d.type = "targeted";
        d.scope = new PlanScope(List.of(counties), List.of(), List.of());
        return d;
    }

    public PlanDraft quota(Object... strataAndRules) {
        quota = new LinkedHashMap<>();
        for (int i = 0; i < strataAndRules.length; i += 2) {
            quota.put((String) strataAndRules[i], strataAndRules[i + 1]);
        }
        return this;
    }

    public PlanFields fields() {
        return new PlanFields(year, name, level, type, leadDepartment, departments, joint, items, scope, quota,
                inspectorsPerTarget, startDate, endDate, excludeDrawnThisYear, redrawClasses);
    }
}
