package spotcheck.notifications;

import java.util.ArrayList;
import java.util.List;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Whom an in-app notification is for. There is no account registry: a notification is addressed to one login
 * ({@code account:SUB}, an inspector's linked account), to a role within an organisation ({@code org:ORG:ROLE}, e.g.
 * a department's operators, who share it as the department's inbox) or to a role everywhere ({@code role:ROLE},
 * e.g. the administrators, to whom overdue items escalate). A caller sees every notification of every audience
 * their token places them in ({@link #of(Principal)}).
 */
public record Audience(String key) {

    public static Audience account(String accountId) {
        return new Audience("account:" + accountId);
    }

    public static Audience orgRole(String org, Role role) {
        return new Audience("org:" + org + ":" + role.claimValue());
    }

    public static Audience role(Role role) {
        return new Audience("role:" + role.claimValue());
    }

    /** The audiences a caller belongs to: their login, each of their roles, and each role within their org. */
    public static List<Audience> of(Principal p) {
        List<Audience> out = new ArrayList<>();
        out.add(account(p.subject()));
        for (Role r : Role.values()) {
            if (p.has(r)) {
                out.add(role(r));
                if (p.org() != null && !p.org().isBlank()) {
                    out.add(orgRole(p.org(), r));
                }
            }
        }
        return out;
    }

    /** What the audience's notifications share as the start of their ids (their range of the byKind index). */
    public String idPrefix() {
        return Notification.PREFIX + "-" + spotcheck.core.Ids.derived("", key) + "-";
    }

    @Override
    public String toString() {
        return key;
    }
}
