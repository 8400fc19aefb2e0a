package spotcheck.draw;

import java.util.ArrayList;
import java.util.List;

/**
 * The k lowest-ranked targets offered so far: a max-heap of k entries kept in primitive arrays (the
 * score's four words and the target's index), so a stratum of a million costs a comparison with the
 * heap's top for most candidates, and the heap's comparisons read a few compact arrays.
 */
final class Lowest {
    private final List<TargetCandidate> targets;
    private final long[] s0;
    private final long[] s1;
    private final long[] s2;
    private final long[] s3;
    private final int[] target;
    private int size;

    Lowest(int k, List<TargetCandidate> targets) {
        this.targets = targets;
        s0 = new long[k];
        s1 = new long[k];
        s2 = new long[k];
        s3 = new long[k];
        target = new int[k];
    }

    /** Offers targets.get(i) with its score; keeps it if it ranks below the highest kept. */
    void offer(long w0, long w1, long w2, long w3, int i) {
        if (size < target.length) {
            up(size++, w0, w1, w2, w3, i);
        } else if (size > 0 && compare(0, w0, w1, w2, w3, i) > 0) {
            down(w0, w1, w2, w3, i);
        }
    }

    List<Ranked> kept() {
        List<Ranked> kept = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            kept.add(new Ranked(s0[e], s1[e], s2[e], s3[e], targets.get(target[e])));
        }
        return kept;
    }

    /** Entry e against a score and target: score words unsigned, then ids in code-point order. */
    private int compare(int e, long w0, long w1, long w2, long w3, int i) {
        int c = Long.compareUnsigned(s0[e], w0);
        if (c == 0) {
            c = Long.compareUnsigned(s1[e], w1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(s2[e], w2);
        }
        if (c == 0) {
            c = Long.compareUnsigned(s3[e], w3);
        }
        return c != 0 ? c : CodePoints.compare(targets.get(target[e]).id(), targets.get(i).id());
    }

    /** Places a new entry at slot e and moves it up past every lower-ranked parent. */
    private void up(int e, long w0, long w1, long w2, long w3, int i) {
        while (e > 0) {
            int parent = (e - 1) >>> 1;
            if (compare(parent, w0, w1, w2, w3, i) >= 0) {
                break;
            }
            move(parent, e);
            e = parent;
        }
        set(e, w0, w1, w2, w3, i);
    }

    /** Replaces the top with a new entry and moves it down below every higher-ranked child. */
    private void down(long w0, long w1, long w2, long w3, int i) {
        int e = 0;
        while (true) {
            int child = 2 * e + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && compare(child + 1, s0[child], s1[child], s2[child], s3[child], target[child]) > 0) {
                child++;
            }
            if (compare(child, w0, w1, w2, w3, i) <= 0) {
                break;
            }
            move(child, e);
            e = child;
        }
        set(e, w0, w1, w2, w3, i);
    }

    private void move(int from, int to) {
        set(to, s0[from], s1[from], s2[from], s3[from], target[from]);
    }

    private void set(int e, long w0, long w1, long w2, long w3, int i) {
        s0[e] = w0;
        s1[e] = w1;
        s2[e] = w2;
        s3[e] = w3;
        target[e] = i;
    }
}
