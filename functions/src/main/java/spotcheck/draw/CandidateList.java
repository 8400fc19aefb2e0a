package spotcheck.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import spotcheck.core.DomainException;

/**
 * The target candidates in id order, and the hash the record publishes of them: SHA-256 of the lines
 * {@code id + "\t" + stratum + "\n"} in code-point order, as UTF-8. Ids hold no control character
 * ({@link DrawInput#isText}), so a tab sorts before any character of an id and the lines are in the
 * order of their ids. The ids are encoded once, in the order given, into one array: sorting and walking
 * a million of them then reads that array instead of following each candidate to its text.
 */
public final class CandidateList {
    /** The sort key: an id's first 3 × 8 UTF-8 bytes, which hold a whole credit code. */
    private static final int KEY_WORDS = 3;
    private static final int CHUNK = 1 << 16;

    private final List<TargetCandidate> targets;
    private final List<String> strata = new ArrayList<>();
    private final int[] stratumOf;
    private byte[] utf8;
    /** Target i's id is utf8[start[i], start[i + 1]). */
    private final int[] start;
    private final int[] byId;

    /** What a walk in id order hands on for each target: its index in the list and its id's UTF-8. */
    interface Visitor {
        void visit(int target, byte[] utf8, int from, int length);
    }

    CandidateList(List<TargetCandidate> targets) {
        this.targets = targets;
        int n = targets.size();
        stratumOf = new int[n];
        start = new int[n + 1];
        utf8 = new byte[Math.max(16, 20 * n)];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TargetCandidate t = targets.get(i);
            stratumOf[i] = index.computeIfAbsent(t.stratum(), s -> {
                strata.add(s);
                return strata.size() - 1;
            });
            int room = Utf8.MAX_BYTES_PER_CHAR * t.id().length();
            if (start[i] + room > utf8.length) {
                utf8 = Arrays.copyOf(utf8, Math.max(2 * utf8.length, start[i] + room));
            }
            start[i + 1] = Utf8.encode(t.id(), utf8, start[i]);
        }
        byId = sorted() ? null : sort();
    }

    /** The SHA-256 of the list, in hex; the ids must be distinct. */
    public static String sha256(List<TargetCandidate> targets) {
        return new CandidateList(targets).walk((target, bytes, from, length) -> { });
    }

    /** The distinct strata of the targets, in the order first met. */
    List<String> strata() {
        return strata;
    }

    /** The index in {@link #strata} of target i's stratum. */
    int stratumOf(int i) {
        return stratumOf[i];
    }

    /** Visits every target in id order, refusing an id listed twice; returns the list's SHA-256 in hex. */
    String walk(Visitor visitor) {
        MessageDigest sha = sha256();
        byte[][] stratumBytes = new byte[strata.size()][];
        Arrays.setAll(stratumBytes, s -> strata.get(s).getBytes(StandardCharsets.UTF_8));
        byte[] chunk = new byte[CHUNK];
        int length = 0;
        int previous = -1;
        for (int r = 0; r < start.length - 1; r++) {
            int i = byId == null ? r : byId[r];
            int from = start[i];
            int idLength = start[i + 1] - from;
            if (previous >= 0 && compare(previous, i) == 0) {
                throw DomainException.invalid("targets", "target " + targets.get(i).id() + " is listed twice");
            }
            previous = i;
            byte[] stratum = stratumBytes[stratumOf[i]];
            int line = idLength + stratum.length + 2;
            if (length + line > chunk.length) {
                sha.update(chunk, 0, length);
                length = 0;
                if (line > chunk.length) {
                    chunk = new byte[line];
                }
            }
            System.arraycopy(utf8, from, chunk, length, idLength);
            length += idLength;
            chunk[length++] = '\t';
            System.arraycopy(stratum, 0, chunk, length, stratum.length);
            length += stratum.length;
            chunk[length++] = '\n';
            visitor.visit(i, utf8, from, idLength);
        }
        sha.update(chunk, 0, length);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Code-point order of targets a and b's ids, which is the byte order of their UTF-8. */
    private int compare(int a, int b) {
        return Arrays.compareUnsigned(utf8, start[a], start[a + 1], utf8, start[b], start[b + 1]);
    }

    private boolean sorted() {
        for (int i = 1; i < stratumOf.length; i++) {
            if (compare(i - 1, i) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The targets' indexes in id order: a stable radix sort, a byte at a time, of the ids' first 24
     * bytes, skipping bytes all ids share; ids alike in those 24 bytes are then put in order among
     * themselves. Several times faster than a comparison sort for a million ids.
     */
    private int[] sort() {
        int n = stratumOf.length;
        long[][] keys = new long[KEY_WORDS][n];
        long[][] moved = new long[KEY_WORDS][n];
        int[] order = new int[n];
        int[] movedOrder = new int[n];
        for (int i = 0; i < n; i++) {
            for (int w = 0; w < KEY_WORDS; w++) {
                keys[w][i] = word(i, 8 * w);
            }
            order[i] = i;
        }
        int[] counts = new int[257];
        for (int w = KEY_WORDS - 1; w >= 0; w--) {
            for (int shift = 0; shift < 64; shift += 8) {
                Arrays.fill(counts, 0);
                long[] key = keys[w];
                for (int i = 0; i < n; i++) {
                    counts[(int) (key[i] >>> shift & 0xff) + 1]++;
                }
                if (shared(counts, n)) {
                    continue;
                }
                for (int d = 1; d < counts.length; d++) {
                    counts[d] += counts[d - 1];
                }
                for (int i = 0; i < n; i++) {
                    int to = counts[(int) (key[i] >>> shift & 0xff)]++;
                    for (int v = 0; v < KEY_WORDS; v++) {
                        moved[v][to] = keys[v][i];
                    }
                    movedOrder[to] = order[i];
                }
                long[][] k = keys;
                keys = moved;
                moved = k;
                int[] o = order;
                order = movedOrder;
                movedOrder = o;
            }
        }
        for (int from = 0, to; from < n; from = to) {
            to = from + 1;
            while (to < n && sameKey(keys, from, to)) {
                to++;
            }
            if (to - from > 1) {
                Integer[] run = new Integer[to - from];
                for (int r = 0; r < run.length; r++) {
                    run[r] = order[from + r];
                }
                Arrays.sort(run, this::compare);
                for (int r = 0; r < run.length; r++) {
                    order[from + r] = run[r];
                }
            }
        }
        return order;
    }

    /** Whether every id has the same byte here (one digit counted n times): a pass that would change nothing. */
    private static boolean shared(int[] counts, int n) {
        for (int count : counts) {
            if (count == n) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameKey(long[][] keys, int a, int b) {
        for (long[] key : keys) {
            if (key[a] != key[b]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes at..at+7 of target i's id, big-endian; past its end zero, a byte no id holds. */
    private long word(int i, int at) {
        long word = 0;
        int end = start[i + 1];
        for (int b = start[i] + at; b < start[i] + at + 8; b++) {
            word = word << 8 | (b < end ? utf8[b] & 0xff : 0);
        }
        return word;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
