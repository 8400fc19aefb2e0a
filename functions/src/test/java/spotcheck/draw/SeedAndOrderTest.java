package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.draw.QuotaAndInputRulesTest.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The seed and its witness, code-point order, the candidate list's hash and ties between scores. */
class SeedAndOrderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aWitnessIsMixedInAsSha256OfTheRandomBytesAndItsUtf8() throws Exception {
        byte[] random = new byte[32];
        random[0] = 1;
        Seed seed = Seed.withWitness(random, "监督员 王某");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(random);
        assertThat(seed.bytes()).isEqualTo(sha.digest("监督员 王某".getBytes(StandardCharsets.UTF_8)));
        assertThat(seed.randomHex()).isEqualTo(HEX.formatHex(random));
        assertThat(seed.witness()).isEqualTo("监督员 王某");
        assertThat(seed.matchesWitness()).isTrue();
        assertThat(seed.mixedHex()).isEqualTo(seed.hex());
        assertThat(seed).hasToString("Seed[with witness]");
        // the seed's bytes cannot be changed from outside
        seed.bytes()[0] ^= 1;
        random[1] = 9;
        assertThat(Seed.withWitness(new byte[32], "x")).isNotEqualTo(Seed.withWitness(new byte[32], "y"));
        assertThat(seed.matchesWitness()).isTrue();
    }

    @Test
    void aFreshSeedComesFromTheGeneratorWithOrWithoutAWitness() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 7);
            }
        };
        Seed plain = Seed.fresh(fixed, null);
        assertThat(plain.hex()).isEqualTo("07".repeat(32));
        assertThat(plain.randomHex()).isNull();
        assertThat(plain.witness()).isNull();
        assertThat(plain).hasToString("Seed[no witness]").isEqualTo(Seed.fresh(fixed, ""))
                .isEqualTo(Seed.of(plain.bytes())).hasSameHashCodeAs(Seed.of(plain.bytes()));
        Seed witnessed = Seed.fresh(fixed, "42");
        assertThat(witnessed.randomHex()).isEqualTo("07".repeat(32));
        assertThat(witnessed).isEqualTo(Seed.withWitness(plain.bytes(), "42")).isNotEqualTo(plain)
                .isNotEqualTo(Seed.withWitness(plain.bytes(), "43")).isNotEqualTo("seed");
        assertThat(Seed.fresh(new SecureRandom(), null)).isNotEqualTo(Seed.fresh(new SecureRandom(), null));
    }

    @Test
    void aStatedSeedIsTakenAsStatedAndCheckedAgainstItsWitness() {
        Seed made = Seed.withWitness(new byte[32], "w");
        Seed stated = Seed.parse(made.hex(), made.randomHex(), "w");
        assertThat(stated).isEqualTo(made);
        Seed wrongWitness = Seed.parse(made.hex(), made.randomHex(), "v");
        assertThat(wrongWitness.matchesWitness()).isFalse();
        assertThat(wrongWitness.hex()).isEqualTo(made.hex());
        assertThat(wrongWitness.mixedHex()).isEqualTo(Seed.withWitness(new byte[32], "v").hex());
        assertThat(Seed.parse("ab".repeat(32), null, null).matchesWitness()).isTrue();
        assertInvalid(() -> Seed.parse("AB".repeat(32), null, null), "seed", "seed must be 64 lowercase hex characters");
        assertInvalid(() -> Seed.parse("ab".repeat(31), null, null), "seed", "seed must be 64 lowercase hex characters");
        assertInvalid(() -> Seed.parse(null, null, null), "seed", "seed must be 64 lowercase hex characters");
        assertInvalid(() -> Seed.parse(made.hex(), "zz", "w"), "random", "random must be 64 lowercase hex characters");
        assertInvalid(() -> Seed.parse(made.hex(), made.randomHex(), null), "witness",
                "random and witness go together: a seed with a witness states both");
        assertInvalid(() -> Seed.parse(made.hex(), made.randomHex(), ""), "witness",
                "random and witness go together: a seed with a witness states both");
        assertInvalid(() -> Seed.parse(made.hex(), null, "w"), "random",
                "random and witness go together: a seed with a witness states both");
        assertInvalid(() -> Seed.of(new byte[31]), "seed", "seed must be 32 bytes");
        assertInvalid(() -> Seed.of(null), "seed", "seed must be 32 bytes");
        assertInvalid(() -> Seed.withWitness(new byte[33], "w"), "random", "random must be 32 bytes");
        assertInvalid(() -> Seed.withWitness(new byte[32], ""), "witness", "the witness must be non-empty text");
        assertInvalid(() -> Seed.withWitness(new byte[32], null), "witness", "the witness must be non-empty text");
        assertInvalid(() -> Seed.withWitness(new byte[32], "a\u0000"), "witness", "the witness must be non-empty text");
    }

    @Test
    void idsAreOrderedByCodePointNotByUtf16Unit() {
        String beyond = "\uD83D\uDE00";   // U+1F600, two UTF-16 units starting D83D
        String high = "\uFFFF";
        assertThat(beyond.compareTo(high)).isNegative();
        assertThat(CodePoints.compare(beyond, high)).isPositive();
        assertThat(CodePoints.compare(high, beyond)).isNegative();
        assertThat(CodePoints.compare("\uE000", "\uD800\uDC00")).isNegative();
        assertThat(CodePoints.compare("\uD7FF", "\uD800\uDC00")).isNegative();
        assertThat(CodePoints.compare("\uD83D\uDE00", "\uD83D\uDE01")).isNegative();
        assertThat(CodePoints.compare("\uD83D\uDE00", "\uD83C\uDE01")).isPositive();
        assertThat(CodePoints.compare("ab", "abc")).isNegative();
        assertThat(CodePoints.compare("abc", "ab")).isPositive();
        assertThat(CodePoints.compare("abc", "abc")).isZero();
        assertThat(CodePoints.compare("b", "abc")).isPositive();
        assertThat(CodePoints.compare("9", "A")).isNegative();
        List<String> ids = new ArrayList<>(List.of("b", beyond, high, "a", "\uE000", "検", "ab", "\uD800\uDC00"));
        ids.sort(CodePoints.ORDER);
        assertThat(ids).containsExactly("a", "ab", "b", "検", "\uE000", high, "\uD800\uDC00", beyond);
    }

    @Test
    void theCandidateListHashIsOfItsSortedLines() throws Exception {
        List<TargetCandidate> targets = new ArrayList<>(List.of(new TargetCandidate("\uD83D\uDE00", "A"),
                new TargetCandidate("\uFFFF", "B"), new TargetCandidate("91", "高"), new TargetCandidate("9", "A")));
        String lines = "9\tA\n91\t高\n\uFFFF\tB\n\uD83D\uDE00\tA\n";
        String expected = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.UTF_8)));
        assertThat(CandidateList.sha256(targets)).isEqualTo(expected);
        Collections.reverse(targets);
        assertThat(CandidateList.sha256(targets)).isEqualTo(expected);
        assertThat(CandidateList.sha256(List.of())).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void longIdsAlikeInTheirFirst24BytesAndManyShuffledIdsSortAsTheirLinesDo() throws Exception {
        Random random = new Random(7);
        List<TargetCandidate> targets = new ArrayList<>();
        String prefix = "914416000000000000000000";   // 24 bytes every long id shares
        String[] tails = {"", "0", "00", "1", "\uD83D\uDE00", "\uFFFF", "检", "a", "0\uFFFF", "Z9"};
        for (String tail : tails) {
            targets.add(new TargetCandidate(prefix + tail, "A"));
            targets.add(new TargetCandidate(prefix.substring(0, 22) + "5" + tail, "B"));
        }
        String[] parts = {"9", "1", "检", "\uFFFF", "\uD83D\uDE00", "z", "\uE000", "00"};
        while (targets.size() < 3000) {
            StringBuilder id = new StringBuilder();
            for (int i = 1 + random.nextInt(20); i > 0; i--) {
                id.append(parts[random.nextInt(parts.length)]);
            }
            String s = id.toString();
            if (targets.stream().noneMatch(t -> t.id().equals(s))) {
                targets.add(new TargetCandidate(s, random.nextBoolean() ? "A" : "B"));
            }
        }
        Collections.shuffle(targets, random);
        List<String> lines = new ArrayList<>(targets.stream().map(t -> t.id() + "\t" + t.stratum() + "\n").toList());
        lines.sort((a, b) -> java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        String expected = HEX.formatHex(MessageDigest.getInstance("SHA-256")
                .digest(String.join("", lines).getBytes(StandardCharsets.UTF_8)));
        assertThat(CandidateList.sha256(targets)).isEqualTo(expected);
        List<TargetCandidate> withTwin = new ArrayList<>(targets);
        withTwin.add(new TargetCandidate(prefix + "检", "B"));
        assertInvalid(() -> CandidateList.sha256(withTwin), "targets", "target " + prefix + "检 is listed twice");
    }

    @Test
    void equalScoresFallToTheSmallerIdInCodePointOrder() {
        Lowest lowest = new Lowest(2);
        TargetCandidate beyond = new TargetCandidate("\uD83D\uDE00", "A");
        TargetCandidate high = new TargetCandidate("\uFFFF", "A");
        TargetCandidate a = new TargetCandidate("a", "A");
        lowest.offer(5, 0, 0, 1, beyond);
        lowest.offer(5, 0, 0, 1, high);
        lowest.offer(5, 0, 0, 1, a);
        List<Ranked> kept = lowest.kept();
        kept.sort(null);
        assertThat(kept).extracting(r -> r.target).containsExactly(a, high);
        // a lower score in a later word, or unsigned above a signed-negative word, decides before the id
        Lowest byWord = new Lowest(1);
        byWord.offer(5, 0, 0, 2, a);
        byWord.offer(5, 0, 0, 1, beyond);
        assertThat(byWord.kept()).extracting(r -> r.target).containsExactly(beyond);
        Lowest unsigned = new Lowest(1);
        unsigned.offer(-1L, 0, 0, 0, a);
        unsigned.offer(Long.MAX_VALUE, 0, 0, 0, high);
        assertThat(unsigned.kept()).extracting(r -> r.target).containsExactly(high);
        assertThat(new Lowest(0).kept()).isEmpty();
        Ranked r = new Ranked(0x0123456789abcdefL, -1L, 0, 1, a);
        assertThat(r.scoreHex()).isEqualTo("0123456789abcdef" + "ffffffffffffffff" + "0000000000000000"
                + "0000000000000001");
        for (long[] words : new long[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}) {
            Ranked higher = new Ranked(words[0], words[1], words[2], words[3], a);
            assertThat(new Ranked(0, 0, 0, 0, high).compareTo(higher)).isNegative();
            assertThat(higher.compareTo(new Ranked(0, 0, 0, 0, high))).isPositive();
        }
    }
}
