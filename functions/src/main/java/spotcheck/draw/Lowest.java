package spotcheck.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The k lowest-ranked targets offered so far: a max-heap of k entries, so a stratum of a million
 * costs a comparison with the heap's top for most candidates and keeps only k objects.
 */
final class Lowest {
    private final Ranked[] heap;
    private int size;

    Lowest(int k) {
        heap = new Ranked[k];
    }

    void offer(long s0, long s1, long s2, long s3, TargetCandidate target) {
        if (size < heap.length) {
            heap[size] = new Ranked(s0, s1, s2, s3, target);
            up(size++);
        } else if (size > 0 && heap[0].compare(s0, s1, s2, s3, target.id()) > 0) {
            heap[0] = new Ranked(s0, s1, s2, s3, target);
            down(0);
        }
    }

    List<Ranked> kept() {
        return new ArrayList<>(Arrays.asList(heap).subList(0, size));
    }

    private void up(int i) {
        Ranked x = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].compareTo(x) >= 0) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    private void down(int i) {
        Ranked x = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].compareTo(heap[child]) > 0) {
                child++;
            }
            if (x.compareTo(heap[child]) >= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }
}
