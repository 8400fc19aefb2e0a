package spotcheck.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pass 1's record of the first row of each id: repeats found exactly, a million rows in little memory. */
class FirstRowsTest {

    @Test
    void answersTheFirstRowOfARepeatedIdAndZeroForANewOne() {
        FirstRows first = new FirstRows();
        assertThat(first.putIfAbsent("91441625MA4W0K0X1R", 2)).isZero();
        assertThat(first.putIfAbsent("91441602MA45L58MA1", 3)).isZero();
        assertThat(first.putIfAbsent("91441625MA4W0K0X1R", 7)).isEqualTo(2);
        assertThat(first.putIfAbsent("91441625MA4W0K0X1R", 9)).isEqualTo(2);
        assertThat(first.putIfAbsent("dongyuan/林场", 10)).isZero();
        assertThat(first.putIfAbsent("dongyuan/林场", 11)).isEqualTo(10);
        assertThat(first.size()).isEqualTo(3);
    }

    @Test
    void keepsEveryIdAcrossGrowing() {
        FirstRows first = new FirstRows(16);
        for (int i = 1; i <= 10_000; i++) {
            assertThat(first.putIfAbsent("ID-" + i, i + 1)).isZero();
        }
        for (int i = 1; i <= 10_000; i++) {
            assertThat(first.putIfAbsent("ID-" + i, 20_000 + i)).isEqualTo(i + 1);
        }
        assertThat(first.size()).isEqualTo(10_000);
        assertThat(first.capacity()).isEqualTo(32_768);
    }

    @Test
    void aMillionRowsTakeAtMostFourSlotsEachOfTwelveBytes() {
        FirstRows first = new FirstRows();
        for (int i = 1; i <= 1_000_000; i++) {
            first.putIfAbsent(String.format("9144%014d", i), i + 1);
        }
        assertThat(first.size()).isEqualTo(1_000_000);
        // 2^21 slots × 12 bytes = 24 MiB, against about 150 MB for a HashMap<String, Long>
        assertThat(first.capacity()).isEqualTo(1 << 21);
        assertThat(first.putIfAbsent(String.format("9144%014d", 123_456), 5)).isEqualTo(123_457);
    }

    @Test
    void rowsAreCountedFromOne() {
        FirstRows first = new FirstRows();
        assertThatThrownBy(() -> first.putIfAbsent("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 0");
        assertThatThrownBy(() -> first.putIfAbsent("x", 1L << 31)).isInstanceOf(IllegalArgumentException.class);
    }
}
