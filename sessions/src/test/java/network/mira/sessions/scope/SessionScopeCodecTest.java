package network.mira.sessions.scope;

import static network.mira.sessions.scope.SessionScopeTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class SessionScopeCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void anUnlimitedScopeIsAZeroFlagByteAndAZeroFeeAllowance() throws DecodeException {
        byte[] bytes = SessionScopeCodec.encode(SessionScopeTest.unlimited());
        assertThat(HEX.formatHex(bytes)).isEqualTo("00" + "0000000000000000");
        assertThat(SessionScopeCodec.decode(bytes)).isEqualTo(SessionScopeTest.unlimited());
    }

    @Test
    void theLayoutIsAsDocumented() {
        SessionScope scope = new SessionScope(
                Optional.of(List.of(new ProgramScope(key(1), Optional.of(new TreeSet<>(List.of(2, 9)))))),
                OptionalLong.of(1000), OptionalLong.empty(), OptionalLong.of(3), Optional.of(List.of(key(4))), 5);
        String expected = "1b"                                 // programs, spend limit, max transactions, recipients
                + "01" + key(1).toHex() + "02" + "02" + "09"      // one program, discriminators 2 and 9
                + "e803000000000000"                              // spend limit 1000
                + "0300000000000000"                              // max transactions 3
                + "01" + key(4).toHex()                           // one recipient
                + "0500000000000000";                             // fee allowance 5
        assertThat(HEX.formatHex(SessionScopeCodec.encode(scope))).isEqualTo(expected);
    }

    @Test
    void theLargestScopeFitsTheDeclaredBound() throws DecodeException {
        List<ProgramScope> programs = new ArrayList<>();
        for (int i = 0; i < SessionScope.MAX_PROGRAMS; i++) {
            TreeSet<Integer> discriminators = new TreeSet<>();
            for (int d = 0; d < ProgramScope.MAX_DISCRIMINATORS; d++) {
                discriminators.add(d);
            }
            programs.add(new ProgramScope(key(i), Optional.of(discriminators)));
        }
        List<PublicKey> recipients = new ArrayList<>();
        for (int i = 0; i < SessionScope.MAX_RECIPIENTS; i++) {
            recipients.add(key(i));
        }
        SessionScope largest = new SessionScope(Optional.of(programs), OptionalLong.of(Long.MAX_VALUE),
                OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(Long.MAX_VALUE), Optional.of(recipients), Long.MAX_VALUE);
        byte[] bytes = SessionScopeCodec.encode(largest);
        assertThat(bytes).hasSize(SessionScopeCodec.MAX_ENCODED_BYTES);
        assertThat(SessionScopeCodec.decode(bytes)).isEqualTo(largest);
    }

    @Test
    void unknownFlagBitsAreRefused() {
        assertRefused(new ByteWriter().u8(0x20).u64(0), "session scope flags: unknown bits 0x20");
        assertRefused(new ByteWriter().u8(0x81).u64(0), "session scope flags: unknown bits 0x80");
    }

    @Test
    void trailingAndMissingBytesAreRefused() {
        assertRefused(new ByteWriter().u8(0).u64(0).u8(0), "session scope: 1 trailing bytes");
        assertRefused(new ByteWriter().u8(0).u32(0),
                "fee allowance: truncated, need 8 bytes at offset 1, 4 left");
        assertRefused(new ByteWriter(), "session scope flags: truncated, need 1 bytes at offset 0, 0 left");
    }

    @Test
    void presentListsAreNeverEmptyOrOverlong() {
        assertRefused(new ByteWriter().u8(SessionScopeCodec.PROGRAMS).u8(0).u64(0), "programs: count 0, must be 1 to 8");
        assertRefused(new ByteWriter().u8(SessionScopeCodec.PROGRAMS).u8(9).u64(0), "programs: count 9, must be 1 to 8");
        assertRefused(new ByteWriter().u8(SessionScopeCodec.RECIPIENTS).u8(0).u64(0), "recipients: count 0, must be 1 to 8");
    }

    @Test
    void unsortedOrDuplicateKeysAreRefused() {
        assertRefused(new ByteWriter().u8(SessionScopeCodec.RECIPIENTS).u8(2).raw(key(2).bytes()).raw(key(1).bytes()).u64(0),
                "recipients[1]: " + key(1) + " is not sorted after " + key(2));
        assertRefused(new ByteWriter().u8(SessionScopeCodec.RECIPIENTS).u8(2).raw(key(2).bytes()).raw(key(2).bytes()).u64(0),
                "recipients[1]: " + key(2) + " is a duplicate");
        assertRefused(new ByteWriter().u8(SessionScopeCodec.PROGRAMS).u8(2)
                        .raw(key(3).bytes()).u8(0).raw(key(3).bytes()).u8(0).u64(0),
                "programs[1]: " + key(3) + " is a duplicate");
    }

    @Test
    void discriminatorsMustBeStrictlyAscendingAndBounded() {
        assertRefused(programWithDiscriminators(2, 9, 4), "programs[0]: discriminator 4 is not sorted after 9");
        assertRefused(programWithDiscriminators(2, 7, 7), "programs[0]: discriminator 7 is a duplicate");
        int[] seventeen = new int[17];
        for (int i = 0; i < seventeen.length; i++) {
            seventeen[i] = i;
        }
        assertRefused(programWithDiscriminators(seventeen), "programs[0]: 17 discriminators, at most 16");
    }

    @Test
    void valuesAboveTheJavaLongRangeAreRefused() {
        assertRefused(new ByteWriter().u8(SessionScopeCodec.SPEND_LIMIT).u64(-1).u64(0),
                "spend limit: 18446744073709551615 is above 2^63 - 1");
        assertRefused(new ByteWriter().u8(0).u64(Long.MIN_VALUE), "fee allowance: 9223372036854775808 is above 2^63 - 1");
    }

    @Test
    void aPerTransactionLimitAboveTheSpendLimitIsRefused() {
        assertRefused(new ByteWriter().u8(SessionScopeCodec.SPEND_LIMIT | SessionScopeCodec.PER_TRANSACTION_LIMIT)
                        .u64(10).u64(11).u64(0),
                "session scope: per-transaction limit 11 is above spend limit 10");
    }

    @Test
    void oversizedInputIsRefusedBeforeReading() {
        assertThatThrownBy(() -> SessionScopeCodec.decode(new byte[SessionScopeCodec.MAX_ENCODED_BYTES + 1]))
                .isInstanceOf(DecodeException.class)
                .hasMessage("session scope: 684 bytes, at most 683");
    }

    private static ByteWriter programWithDiscriminators(int... discriminators) {
        ByteWriter out = new ByteWriter().u8(SessionScopeCodec.PROGRAMS).u8(1).raw(key(1).bytes()).u8(discriminators.length);
        for (int discriminator : discriminators) {
            out.u8(discriminator);
        }
        return out.u64(0);
    }

    private static void assertRefused(ByteWriter bytes, String message) {
        assertThatThrownBy(() -> SessionScopeCodec.decode(bytes.toByteArray()))
                .isInstanceOf(DecodeException.class)
                .hasMessage(message);
    }
}
