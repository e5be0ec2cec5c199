package network.mira.settlement.bft.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsensusWalTest {
    @TempDir
    Path dir;

    private static byte[] record(int i) {
        return ("record-" + i + "-" + "x".repeat(i * 7)).getBytes(StandardCharsets.UTF_8);
    }

    private Path writeRecords(int count) throws Exception {
        Path file = dir.resolve("consensus").resolve("wal.log");
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            for (int i = 0; i < count; i++) {
                wal.append(record(i), i % 2 == 0);
            }
        }
        return file;
    }

    @Test
    void recordsSurviveReopenInOrder() throws Exception {
        Path file = writeRecords(5);
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            assertThat(wal.recovered()).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(wal.recovered().get(i)).isEqualTo(record(i));
            }
            wal.append(record(5), true);
        }
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            assertThat(wal.recovered()).hasSize(6);
            assertThat(wal.recovered().get(5)).isEqualTo(record(5));
        }
    }

    /** A crash can stop a write at any byte: recovery keeps exactly the records written whole before it. */
    @Test
    void crashAtEveryWritePointRecoversTheWholeRecordsBeforeIt() throws Exception {
        Path file = writeRecords(4);
        byte[] full = Files.readAllBytes(file);
        List<Integer> recordEnds = new ArrayList<>();
        int end = 0;
        for (int i = 0; i < 4; i++) {
            end += 8 + record(i).length;
            recordEnds.add(end);
        }
        for (int cut = 0; cut <= full.length; cut++) {
            Files.write(file, Arrays.copyOf(full, cut));
            int whole = 0;
            while (whole < recordEnds.size() && recordEnds.get(whole) <= cut) {
                whole++;
            }
            try (ConsensusWal wal = ConsensusWal.open(file)) {
                assertThat(wal.recovered()).as("cut at byte %d", cut).hasSize(whole);
                wal.append(record(99), true);
            }
            try (ConsensusWal wal = ConsensusWal.open(file)) {
                assertThat(wal.recovered()).as("append after recovering a cut at %d", cut).hasSize(whole + 1);
                assertThat(wal.recovered().get(whole)).isEqualTo(record(99));
            }
        }
    }

    @Test
    void aCorruptedRecordEndsRecovery() throws Exception {
        Path file = writeRecords(3);
        byte[] bytes = Files.readAllBytes(file);
        int secondPayload = 8 + record(0).length + 8;
        bytes[secondPayload] ^= 0x01;
        Files.write(file, bytes);
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            assertThat(wal.recovered()).hasSize(1);
        }
        assertThat(Files.size(file)).isEqualTo(8 + record(0).length);
    }

    @Test
    void resetEmptiesTheLog() throws Exception {
        Path file = writeRecords(3);
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            wal.reset();
            wal.append(record(7), true);
        }
        try (ConsensusWal wal = ConsensusWal.open(file)) {
            assertThat(wal.recovered()).hasSize(1);
            assertThat(wal.recovered().get(0)).isEqualTo(record(7));
        }
    }

    @Test
    void refusesEmptyAndOversizeRecords() throws Exception {
        try (ConsensusWal wal = ConsensusWal.open(dir.resolve("wal.log"))) {
            assertThatThrownBy(() -> wal.append(new byte[0], true)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> wal.append(new byte[ConsensusWal.MAX_RECORD_BYTES + 1], true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..134217728");
        }
    }
}
