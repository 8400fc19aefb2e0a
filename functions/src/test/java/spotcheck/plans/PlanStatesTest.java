package spotcheck.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;

/** The allowed transitions of a plan, every pair of states tried. */
class PlanStatesTest {
    /** Four steps forward, and one back: voiding the draw gives the plan back for one new draw. */
    @Test
    void onlyTheFourStepsForwardAndTheVoidingOfTheDrawAreAllowed() {
        List<String> allowed = new ArrayList<>();
        for (String from : PlanStates.ORDER) {
            for (String to : PlanStates.ORDER) {
                PlanStates.move(from, to).ifPresent(m -> allowed.add(m.action() + ": " + from + " → " + to));
            }
        }
        assertThat(allowed).containsExactly("approve: draft → approved", "draw: approved → drawn",
                "void: drawn → approved", "start: drawn → in_progress", "complete: in_progress → completed");
        assertThat(PlanStates.move("draft", "unknown")).isEmpty();
    }

    @Test
    void aRefusedMoveSaysWhereThePlanCanGo() {
        assertThat(PlanStates.require("P", "drawn", "in_progress").action()).isEqualTo("start");
        assertThat(PlanStates.require("P", "drawn", "approved").action()).isEqualTo(PlanStates.VOID);
        assertThatThrownBy(() -> PlanStates.require("P", "drawn", "completed")).hasMessage("The plan 'P' is"
                + " drawn and cannot become completed; from drawn it can only become in_progress or approved");
        assertThatThrownBy(() -> PlanStates.require("P", "draft", "drawn")).isInstanceOfSatisfying(
                DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("The plan 'P' is draft and cannot become drawn; from draft"
                            + " it can only become approved");
                });
        assertThatThrownBy(() -> PlanStates.require("P", "in_progress", "drawn")).hasMessage("The plan 'P' is"
                + " in_progress and cannot become drawn; from in_progress it can only become completed");
        assertThatThrownBy(() -> PlanStates.require("P", "completed", "draft")).hasMessage("The plan 'P' is"
                + " completed and cannot become draft; it is finished");
    }

    @Test
    void approvedOrLaterIsWhatThePublicSees() {
        assertThat(PlanStates.ORDER.stream().filter(PlanStates::isApproved))
                .containsExactly("approved", "drawn", "in_progress", "completed");
        assertThat(PlanStates.isApproved("unknown")).isFalse();
        assertThat(PlanStates.chinese("in_progress")).isEqualTo("实施中");
    }
}
