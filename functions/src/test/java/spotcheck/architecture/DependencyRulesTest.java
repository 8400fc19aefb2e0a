package spotcheck.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down: handlers and the route table on top, capabilities in the middle, the job
 * runner and the store below them, the kernel at the bottom, and a pure core (rules, validation, masking,
 * sheets, the calendar's arithmetic) that knows neither AWS nor HTTP.
 */
class DependencyRulesTest {
    private static JavaClasses deployed;

    /** The pure core: what may be reasoned about and mutation-tested without AWS or HTTP. */
    static final String[] PURE_PACKAGES = {"spotcheck.core..", "spotcheck.validation..", "spotcheck.privacy..",
            "spotcheck.sheets..", "spotcheck.draw.."};
    static final String[] AWS_AND_HTTP = {"software.amazon..", "com.amazonaws..", "spotcheck.api..",
            "spotcheck.handlers.."};

    @BeforeAll
    static void load() {
        deployed = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("spotcheck");
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("spotcheck.(*)..").should().beFreeOfCycles().check(deployed);
    }

    @Test
    void thePureCoreKnowsNeitherAwsNorHttp() {
        noClasses().that().resideInAnyPackage(PURE_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
    }

    @Test
    void theCalendarArithmeticAndTheRosterRulesArePure() {
        noClasses().that().resideInAPackage("spotcheck.calendar..")
                .and().haveSimpleNameNotStartingWith("Calendar").and().doNotHaveSimpleName("StoredYear")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.roster..").and().haveSimpleNameEndingWith("Rules")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
    }

    /** The draw's core needs only the kernel: the standalone verifier ships it with Jackson and nothing else. */
    @Test
    void theDrawKnowsOnlyTheKernel() {
        noClasses().that().resideInAPackage("spotcheck.draw..")
                .should().dependOnClassesThat(resideInAPackage("spotcheck..")
                        .and(not(resideInAnyPackage("spotcheck.core..", "spotcheck.draw.."))))
                .check(deployed);
    }

    @Test
    void thePlanRulesStatesAccessAndCandidateFilterArePure() {
        noClasses().that().resideInAPackage("spotcheck.plans..").and().haveSimpleNameStartingWith("PlanRules")
                .or().haveSimpleNameStartingWith("PlanStates").or().haveSimpleNameStartingWith("PlanAccess")
                .or().haveSimpleNameStartingWith("QuotaRule").or().haveSimpleName("CandidateFilter")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
    }

    /** Who may be sent to a task by hand is decided without reading or writing anything. */
    @Test
    void theAssignmentRulesArePure() {
        noClasses().that().resideInAPackage("spotcheck.tasks..").and().haveSimpleNameStartingWith("AssignmentRules")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.tasks..").and().haveSimpleNameStartingWith("AssignmentRules")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.jobs..")
                .check(deployed);
    }

    /** Whether a result, a review or an attachment is acceptable is decided without reading or writing anything. */
    @Test
    void theResultRulesArePure() {
        noClasses().that().resideInAPackage("spotcheck.tasks..").and().haveSimpleNameStartingWith("ResultRules")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.tasks..").and().haveSimpleNameStartingWith("ResultRules")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.jobs..",
                        "spotcheck.calendar..").check(deployed);
    }

    @Test
    void theReminderRulesArePure() {
        noClasses().that().resideInAPackage("spotcheck.reminders..").and().haveSimpleNameStartingWith("ReminderRules")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.reminders..").and().haveSimpleNameStartingWith("ReminderRules")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.jobs..")
                .check(deployed);
    }

    @Test
    void theCoverageArithmeticIsPure() {
        noClasses().that().resideInAPackage("spotcheck.stats..").and().haveSimpleNameStartingWith("Coverage")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.stats..").and().haveSimpleNameStartingWith("Coverage")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..").check(deployed);
    }

    /** Follow-up cases: what a case needs, when it may close and when a penalty is due, decided without I/O. */
    @Test
    void theCaseRulesArePure() {
        noClasses().that().resideInAPackage("spotcheck.cases..").and().haveSimpleNameStartingWith("CaseRules")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.cases..").and().haveSimpleNameStartingWith("CaseRules")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.jobs..")
                .check(deployed);
    }

    /** What the public may see is decided without reading or writing anything, in one redactor. */
    @Test
    void theRedactionAndThePublicRecordsArePure() {
        noClasses().that().resideInAPackage("spotcheck.publication..").and().haveSimpleNameStartingWith("Redactor")
                .or().haveSimpleNameStartingWith("ResultLabels").or().haveSimpleNameStartingWith("PublicResult")
                .or().haveSimpleNameStartingWith("PublishedTasks")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.publication..").and().haveSimpleNameStartingWith("Redactor")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.jobs..")
                .check(deployed);
    }

    @Test
    void theIndicatorsArithmeticIsPure() {
        noClasses().that().resideInAPackage("spotcheck.stats..").and().haveSimpleNameStartingWith("Indicators")
                .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_HTTP).check(deployed);
        noClasses().that().resideInAPackage("spotcheck.stats..").and().haveSimpleNameStartingWith("Indicators")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.store..", "spotcheck.tasks..")
                .check(deployed);
    }

    @Test
    void theKernelDependsOnNothingOfTheApplication() {
        classes().that().resideInAPackage("spotcheck.core..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("spotcheck..")
                .orShould().dependOnClassesThat().resideInAPackage("spotcheck.core..").check(deployed);
    }

    @Test
    void onlyTheApiAndTheHandlersSpeakHttp() {
        noClasses().that().resideInAnyPackage("spotcheck.store..", "spotcheck.core..")
                .should().dependOnClassesThat().resideInAnyPackage("spotcheck.api..", "spotcheck.handlers..")
                .check(deployed);
    }

    @Test
    void theJobRunnerSitsBelowTheCapabilitiesAndAboveTheStore() {
        classes().that().resideInAPackage("spotcheck.jobs..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("spotcheck..")
                .orShould().dependOnClassesThat().resideInAnyPackage("spotcheck.jobs..", "spotcheck.store..",
                        "spotcheck.core..").check(deployed);
        noClasses().that().resideInAnyPackage("spotcheck.store..", "spotcheck.core..")
                .should().dependOnClassesThat().resideInAPackage("spotcheck.jobs..").check(deployed);
    }

    @Test
    void nothingDependsOnTheHandlers() {
        noClasses().that().resideOutsideOfPackage("spotcheck.handlers..")
                .should().dependOnClassesThat().resideInAPackage("spotcheck.handlers..").check(deployed);
    }
}
