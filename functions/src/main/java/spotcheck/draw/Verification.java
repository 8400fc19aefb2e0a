package spotcheck.draw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a published draw from its record and candidate list and reports every way the record
 * differs: the seed and its witness, the candidate list's hash, each stratum's counts, targets
 * missing or extra, the order, and each target's stratum, score, inspectors and whether it is
 * unassigned (the reason's wording is not part of the specification, so it is not compared).
 * Inputs that cannot be a draw at all are a {@link spotcheck.core.DomainException}.
 */
public final class Verification {
    private Verification() { }

    public enum Kind { ALGORITHM, SEED, CANDIDATES, STRATUM, MISSING, EXTRA, DUPLICATE, ORDER, TARGET_STRATUM,
        SCORE, INSPECTORS, UNASSIGNED }

    /** One difference: what differs, about what (a target's id, a stratum, a position), expected and found. */
    public record Difference(Kind kind, String subject, String expected, String found) {
        public String describe() {
            return switch (kind) {
                case ALGORITHM -> "algorithm: this verifier knows " + expected + ", the record uses " + found;
                case SEED -> "seed: SHA-256(random || witness) is " + expected + ", the record states " + found;
                case CANDIDATES -> "candidatesSha256: the candidate list hashes to " + expected
                        + ", the record states " + found;
                case STRATUM -> "stratum " + subject + ": expected " + expected + ", found " + found;
                case MISSING -> "target " + subject + ": drawn at position " + expected + ", missing from the record";
                case EXTRA -> "target " + subject + ": in the record at position " + found + ", not drawn";
                case DUPLICATE -> "target " + subject + ": listed " + found + " times in the record";
                case ORDER -> "order: position " + subject + " holds " + found + ", expected " + expected;
                case TARGET_STRATUM -> "target " + subject + ": stratum expected " + expected + ", found " + found;
                case SCORE -> "target " + subject + ": score expected " + expected + ", found " + found;
                case INSPECTORS -> "target " + subject + ": inspectors expected " + expected + ", found " + found;
                case UNASSIGNED -> "target " + subject + ": expected " + expected + ", found " + found;
            };
        }
    }

    /** The recomputed draw's size and every difference from the record. */
    public record Report(int targets, int assignments, List<Difference> differences) {
        public Report {
            differences = List.copyOf(differences);
        }

        public boolean verified() {
            return differences.isEmpty();
        }

        public String summary() {
            return verified() ? "verified: " + targets + " targets, " + assignments + " inspector assignments reproduced"
                    : "not verified: " + differences.size() + (differences.size() == 1 ? " difference" : " differences");
        }
    }

    public static Report verify(DrawRecord record, Candidates candidates) {
        if (!Draw.ALGORITHM.equals(record.algorithm())) {
            return new Report(0, 0, List.of(new Difference(Kind.ALGORITHM, null, Draw.ALGORITHM, record.algorithm())));
        }
        DrawInput input = record.input(candidates);
        DrawOutcome outcome = Draw.run(input);
        List<Difference> differences = new ArrayList<>();
        if (!input.seed().matchesWitness()) {
            differences.add(new Difference(Kind.SEED, null, input.seed().mixedHex(), record.seed()));
        }
        if (!outcome.candidatesSha256().equals(record.candidatesSha256())) {
            differences.add(new Difference(Kind.CANDIDATES, null, outcome.candidatesSha256(),
                    record.candidatesSha256()));
        }
        for (int i = 0; i < outcome.strata().size(); i++) {
            DrawRecord.Stratum expected = outcome.strata().get(i);
            DrawRecord.Stratum found = record.strata().get(i);
            if (expected.candidates() != found.candidates() || expected.drawn() != found.drawn()) {
                differences.add(new Difference(Kind.STRATUM, expected.stratum(), counts(expected), counts(found)));
            }
        }
        compareTargets(outcome.targets(), record.targets(), differences);
        return new Report(outcome.targets().size(), outcome.assignments(), differences);
    }

    private static void compareTargets(List<DrawRecord.Target> expected, List<DrawRecord.Target> found,
                                       List<Difference> differences) {
        Map<String, DrawRecord.Target> drawn = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            drawn.put(expected.get(i).id(), expected.get(i));
            position.put(expected.get(i).id(), i + 1);
        }
        Map<String, DrawRecord.Target> stated = new LinkedHashMap<>();
        Map<String, Integer> times = new LinkedHashMap<>();
        for (int i = 0; i < found.size(); i++) {
            DrawRecord.Target t = found.get(i);
            if (times.merge(t.id(), 1, Integer::sum) == 1) {
                stated.put(t.id(), t);
                if (!drawn.containsKey(t.id())) {
                    differences.add(new Difference(Kind.EXTRA, t.id(), null, String.valueOf(i + 1)));
                }
            }
        }
        times.forEach((id, n) -> {
            if (n > 1) {
                differences.add(new Difference(Kind.DUPLICATE, id, "1", String.valueOf(n)));
            }
        });
        List<String> expectedOrder = new ArrayList<>();
        for (DrawRecord.Target e : expected) {
            DrawRecord.Target f = stated.get(e.id());
            if (f == null) {
                differences.add(new Difference(Kind.MISSING, e.id(), String.valueOf(position.get(e.id())), null));
                continue;
            }
            expectedOrder.add(e.id());
            compareTarget(e, f, differences);
        }
        List<String> foundOrder = stated.keySet().stream().filter(drawn::containsKey).toList();
        for (int i = 0; i < expectedOrder.size(); i++) {
            if (!expectedOrder.get(i).equals(foundOrder.get(i))) {
                differences.add(new Difference(Kind.ORDER, String.valueOf(i + 1), expectedOrder.get(i),
                        foundOrder.get(i)));
            }
        }
    }

    private static void compareTarget(DrawRecord.Target e, DrawRecord.Target f, List<Difference> differences) {
        if (!e.stratum().equals(f.stratum())) {
            differences.add(new Difference(Kind.TARGET_STRATUM, e.id(), e.stratum(), f.stratum()));
        }
        if (!e.score().equals(f.score())) {
            differences.add(new Difference(Kind.SCORE, e.id(), e.score(), f.score()));
        }
        if (!e.inspectors().equals(f.inspectors())) {
            differences.add(new Difference(Kind.INSPECTORS, e.id(), e.inspectors().toString(),
                    f.inspectors().toString()));
        }
        if ((e.unassigned() == null) != (f.unassigned() == null)) {
            differences.add(new Difference(Kind.UNASSIGNED, e.id(), state(e), state(f)));
        }
    }

    private static String state(DrawRecord.Target t) {
        return t.unassigned() == null ? "assigned" : "unassigned (" + t.unassigned() + ")";
    }

    private static String counts(DrawRecord.Stratum s) {
        return s.candidates() + " candidates, " + s.drawn() + " drawn";
    }
}
