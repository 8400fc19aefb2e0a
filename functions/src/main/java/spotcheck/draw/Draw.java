package spotcheck.draw;

/**
 * The verifiable random draw, version {@value #ALGORITHM} of the public specification: targets
 * ranked by a keyed hash of their own id ({@link TargetSelection}), inspectors drawn per target
 * from the same seed ({@link InspectorAssignment}). Pure and deterministic: the same input gives
 * the same outcome on any machine.
 */
public final class Draw {
    /** The name every record carries; a change of rules gets a new one. */
    public static final String ALGORITHM = "hmac-sha256-rank/v1";

    private Draw() { }

    public static DrawOutcome run(DrawInput input) {
        return InspectorAssignment.assign(input, TargetSelection.select(input));
    }
}
