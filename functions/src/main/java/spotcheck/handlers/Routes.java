package spotcheck.handlers;

import static spotcheck.core.Access.ADMIN_ONLY;
import static spotcheck.core.Access.ANY_ROLE;
import static spotcheck.core.Access.OVERSIGHT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import spotcheck.audit.AuditOperations;
import spotcheck.calendar.CalendarOperations;
import spotcheck.cases.CaseOperations;
import spotcheck.imports.ImportOperations;
import spotcheck.orgs.OrgOperations;
import spotcheck.draws.DrawOperations;
import spotcheck.plans.PlanOperations;
import spotcheck.publication.PublicationOperations;
import spotcheck.tasks.TaskOperations;
import spotcheck.stats.StatsOperations;
import spotcheck.notifications.NotificationOperations;
import spotcheck.reminders.MilestoneOperations;
import spotcheck.roster.ItemOperations;
import spotcheck.roster.RosterExports;
import spotcheck.roster.RosterOperations;
import spotcheck.api.ApiResponse;
import spotcheck.api.Downloads;
import spotcheck.api.Route;
import spotcheck.core.Role;

/**
 * The route table: one line per operation of the OpenAPI document (functions/openapi.yaml),
 * with the roles that may call it: the coarse gate only. Which entity a caller may read or change
 * (which organisation, which county) is each capability's access policy, asked by its service.
 */
public final class Routes {
    private Routes() { }

    public static List<Route> table(Services s) {
        AuditOperations audit = new AuditOperations(s.auditTrail, s.importOrigins);
        CalendarOperations calendar = new CalendarOperations(s.calendar);
        OrgOperations orgs = new OrgOperations(s.orgs);
        ItemOperations items = new ItemOperations(s.items);
        Downloads downloads = new Downloads(s.files, s.bucket, s.clock);
        RosterOperations roster = new RosterOperations(s.targets, s.inspectors,
                new RosterExports(s.entities, s.targets, s.inspectors), downloads);
        PlanOperations plans = new PlanOperations(s.plans, s.publicPlans, s.planDocument, downloads);
        ImportOperations imports = new ImportOperations(s.imports);
        DrawOperations draws = new DrawOperations(s.draws);
        CaseOperations cases = new CaseOperations(s.cases);
        // follow-up: administrators, operators of the task's departments, county staff for their county's targets
        Set<Role> caseMakers = Set.of(Role.ADMIN, Role.OPERATOR, Role.COUNTY);
        PublicationOperations publication = new PublicationOperations(s.publication);
        StatsOperations stats = new StatsOperations(s.stats, downloads);
        TaskOperations tasks = new TaskOperations(s.tasks, s.problemTasks, s.results);
        NotificationOperations notifications = new NotificationOperations(s.notifications);
        MilestoneOperations milestones = new MilestoneOperations(s.milestones);
        Set<Role> itemEditors = Set.of(Role.ADMIN, Role.OPERATOR);
        Set<Role> rosterEditors = Set.of(Role.ADMIN, Role.OPERATOR, Role.COUNTY);
        Set<Role> exportReaders = Set.of(Role.ADMIN, Role.OPERATOR, Role.COUNTY, Role.AUDITOR);
        // plans are drafted and approved by departments; county staff, inspectors and auditors read them
        Set<Role> planEditors = Set.of(Role.ADMIN, Role.OPERATOR);
        // problem-driven tasks: administrators, operators for their department, county staff for their county
        Set<Role> problemTaskMakers = Set.of(Role.ADMIN, Role.OPERATOR, Role.COUNTY);
        // coverage: the whole city for admins, auditors and operators, its own county for a county account
        Set<Role> statsReaders = Set.of(Role.ADMIN, Role.OPERATOR, Role.COUNTY, Role.AUDITOR);
        // publication: results published by hand by admins and the plan's lead department; batches read by both
        Set<Role> publishers = Set.of(Role.ADMIN, Role.OPERATOR);
        return List.of(
                Route.publicRoute("GET", "/health", r -> ApiResponse.ok(Map.of("status", "ok"))),
                Route.of("GET", "/orgs", ANY_ROLE, orgs::list),
                Route.of("POST", "/orgs", ADMIN_ONLY, orgs::create),
                Route.of("GET", "/orgs/{orgId}", ANY_ROLE, orgs::get),
                Route.of("PUT", "/orgs/{orgId}", ADMIN_ONLY, orgs::update),
                Route.of("GET", "/items", ANY_ROLE, items::list),
                Route.of("POST", "/items", itemEditors, items::create),
                Route.of("GET", "/items/{itemId}", ANY_ROLE, items::get),
                Route.of("PUT", "/items/{itemId}", itemEditors, items::update),
                Route.of("POST", "/items/{itemId}/retire", itemEditors, items::retire),
                Route.of("GET", "/items/{itemId}/history", ANY_ROLE, items::history),
                Route.of("GET", "/targets", ANY_ROLE, roster::listTargets),
                Route.of("POST", "/targets", rosterEditors, roster::createTarget),
                Route.of("GET", "/targets/export", exportReaders, roster::exportTargets),
                Route.of("GET", "/targets/{targetId}", ANY_ROLE, roster::getTarget),
                Route.of("PUT", "/targets/{targetId}", rosterEditors, roster::updateTarget),
                Route.of("POST", "/targets/{targetId}/deactivate", rosterEditors, roster::deactivateTarget),
                Route.of("GET", "/inspectors", ANY_ROLE, roster::listInspectors),
                Route.of("POST", "/inspectors", rosterEditors, roster::createInspector),
                Route.of("GET", "/inspectors/export", exportReaders, roster::exportInspectors),
                Route.of("GET", "/inspectors/{inspectorId}", ANY_ROLE, roster::getInspector),
                Route.of("PUT", "/inspectors/{inspectorId}", rosterEditors, roster::updateInspector),
                Route.of("POST", "/inspectors/{inspectorId}/deactivate", rosterEditors, roster::deactivateInspector),
                Route.of("POST", "/imports", rosterEditors, imports::start),
                Route.of("GET", "/imports", ANY_ROLE, imports::byKey),
                Route.of("GET", "/imports/{importId}", ANY_ROLE, imports::get),
                Route.of("GET", "/imports/templates/{kind}", ANY_ROLE, imports::template),
                Route.of("GET", "/plans", ANY_ROLE, plans::list),
                Route.of("POST", "/plans", planEditors, plans::create),
                Route.of("GET", "/plans/export", ANY_ROLE, plans::export),
                Route.of("GET", "/plans/{planId}", ANY_ROLE, plans::get),
                Route.of("PUT", "/plans/{planId}", planEditors, plans::update),
                Route.of("POST", "/plans/{planId}/approve", planEditors, plans::approve),
                Route.of("GET", "/plans/{planId}/estimate", ANY_ROLE, plans::estimate),
                Route.publicRoute("GET", "/public/plans", plans::publicList),
                Route.of("POST", "/plans/{planId}/draw", planEditors, draws::draw),
                Route.of("GET", "/draws/{drawId}", ANY_ROLE, draws::get),
                Route.of("POST", "/draws/{drawId}/void", planEditors, draws::voidDraw),
                Route.publicRoute("GET", "/public/draws/{drawId}", draws::publicRecord),
                Route.publicRoute("GET", "/public/draws/{drawId}/candidates", draws::publicCandidates),
                Route.publicRoute("GET", "/public/draws/{drawId}/verify", draws::verify),
                Route.of("GET", "/tasks", ANY_ROLE, tasks::list),
                Route.of("POST", "/tasks", problemTaskMakers, tasks::create),
                Route.of("GET", "/tasks/{taskId}", ANY_ROLE, tasks::get),
                Route.of("GET", "/stats", statsReaders, stats::coverage),
                Route.of("GET", "/stats/export", statsReaders, stats::export),
                // reminders: each caller's own notifications; the milestone list
                Route.of("GET", "/notifications", ANY_ROLE, notifications::list),
                Route.of("POST", "/notifications/{notificationId}/read", ANY_ROLE, notifications::markRead),
                Route.of("GET", "/reminders/milestones", ANY_ROLE, milestones::get),
                Route.of("PUT", "/reminders/milestones", ADMIN_ONLY, milestones::put),
                Route.of("PUT", "/tasks/{taskId}/inspectors", planEditors, tasks::assign),
                // results: entered by the task's inspectors or departments (the service decides), reviewed by the lead
                Route.of("PUT", "/tasks/{taskId}/result", ANY_ROLE, tasks::enterResult),
                Route.of("POST", "/tasks/{taskId}/attachments", ANY_ROLE, tasks::attach),
                Route.of("POST", "/tasks/{taskId}/review", planEditors, tasks::review),
                Route.of("GET", "/result-categories", ANY_ROLE, tasks::categories),
                Route.of("PUT", "/result-categories", ADMIN_ONLY, tasks::putCategories),
                Route.of("GET", "/calendar/working-days/add", ANY_ROLE, calendar::addWorkingDays),
                Route.of("GET", "/calendar/{year}", ANY_ROLE, calendar::get),
                Route.of("PUT", "/calendar/{year}", ADMIN_ONLY, calendar::put),
                Route.of("GET", "/audit", OVERSIGHT, audit::list),
                // cases
                Route.of("POST", "/cases", caseMakers, cases::create),
                Route.of("GET", "/cases", ANY_ROLE, cases::list),
                Route.of("GET", "/cases/{caseId}", ANY_ROLE, cases::get),
                Route.of("PUT", "/cases/{caseId}", caseMakers, cases::update),
                Route.of("POST", "/cases/{caseId}/close", caseMakers, cases::close),
                Route.of("POST", "/cases/{caseId}/publish", caseMakers, cases::publish),
                // publication (一公开)
                Route.of("POST", "/tasks/{taskId}/publish", publishers, publication::publish),
                Route.publicRoute("GET", "/public/results", publication::publicResults),
                Route.of("GET", "/publications", publishers, publication::batches),
                Route.of("GET", "/publications/{batchId}", publishers, publication::batch)
        );
    }

}
