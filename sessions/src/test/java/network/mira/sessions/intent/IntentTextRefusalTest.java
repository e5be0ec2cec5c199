package network.mira.sessions.intent;

import static network.mira.sessions.intent.IntentFixtures.EXAMPLE_TEXT;
import static network.mira.sessions.intent.IntentFixtures.GAME_BASE58;
import static network.mira.sessions.intent.IntentFixtures.SHOP_BASE58;
import static network.mira.sessions.intent.IntentFixtures.SYSTEM_BASE58;
import static network.mira.sessions.intent.IntentFixtures.withInsertedLine;
import static network.mira.sessions.intent.IntentFixtures.withLine;
import static network.mira.sessions.intent.IntentFixtures.withoutLine;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.StringJoiner;
import network.mira.sessions.intent.IntentParseException.Reason;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every way the parser refuses a text, with the exact message. Lines of the example: 1 title,
 * 3 explanation, 5 version, 6 chain_id, 7 domain, 8 owner, 9 session_key, 10 expires_at,
 * 11 programs, 12 spend_limit, 13 per_tx_limit, 14 max_tx, 15 recipients, 16 fee_allowance, 17 nonce.
 */
class IntentTextRefusalTest {

    static void assertRefused(String text, Reason reason, String message) {
        assertThatThrownBy(() -> IntentText.parse(text))
                .isInstanceOf(IntentParseException.class)
                .hasMessage(message)
                .asInstanceOf(InstanceOfAssertFactories.type(IntentParseException.class))
                .extracting(IntentParseException::reason)
                .isEqualTo(reason);
    }

    @Nested
    class Whole {
        @Test
        void tooLong() {
            String text = withLine(7, "domain: " + "a".repeat(300));
            assertRefused(text, Reason.TOO_LONG, "text is 953 bytes, at most 900");
        }

        @Test
        void tooLongCountsBytesNotCharacters() {
            // 118 two-byte characters make the 668-byte text 786 characters but 904 bytes.
            String text = withLine(7, "domain: app.example.com" + "é".repeat(118));
            assertRefused(text, Reason.TOO_LONG, "text is 904 bytes, at most 900");
        }

        @Test
        void empty() {
            assertRefused("", Reason.MALFORMED, "line 1: text is empty");
        }

        @Test
        void missingFinalLineFeed() {
            assertRefused(EXAMPLE_TEXT.substring(0, EXAMPLE_TEXT.length() - 1), Reason.MALFORMED,
                    "line 17: no line feed at the end of the last line");
        }

        @Test
        void extraFinalLineFeed() {
            assertRefused(EXAMPLE_TEXT + "\n", Reason.MALFORMED,
                    "line 18: blank line (keys follow one another, one per line)");
        }

        @Test
        void crlfLineEndings() {
            assertRefused(EXAMPLE_TEXT.replace("\n", "\r\n"), Reason.MALFORMED,
                    "line 1: carriage return (lines end with LF only) at column 21");
        }

        @Test
        void crOnlyInOneLine() {
            assertRefused(withLine(12, "spend_limit: 1000000000\r"), Reason.MALFORMED,
                    "line 12: carriage return (lines end with LF only) at column 24");
        }

        @Test
        void trailingSpace() {
            assertRefused(withLine(7, "domain: app.example.com "), Reason.MALFORMED, "line 7: trailing space");
        }

        @Test
        void trailingSpaceInTheHeader() {
            assertRefused(withLine(1, "Mira session request "), Reason.MALFORMED, "line 1: trailing space");
        }

        @Test
        void leadingSpace() {
            assertRefused(withLine(5, " version: 1"), Reason.MALFORMED, "line 5: leading space");
        }

        @Test
        void tab() {
            assertRefused(withLine(7, "domain:\tapp.example.com"), Reason.MALFORMED, "line 7: tab at column 8");
        }

        @Test
        void lookAlikeLetter() {
            assertRefused(withLine(7, "domain: \u0430pp.example.com"), Reason.MALFORMED,
                    "line 7: character U+0430 (only printable ASCII is allowed) at column 9");
        }

        @Test
        void invisibleCharacter() {
            assertRefused(withLine(14, "max_tx: 5\u200B0"), Reason.MALFORMED,
                    "line 14: character U+200B (only printable ASCII is allowed) at column 10");
        }

        @Test
        void controlCharacter() {
            assertRefused(withLine(14, "max_tx: 50\u0000"), Reason.MALFORMED,
                    "line 14: control character U+0000 at column 11");
        }
    }

    @Nested
    class Header {
        @Test
        void wrongTitle() {
            assertRefused(withLine(1, "Mira Session Request"), Reason.BAD_HEADER,
                    "line 1: expected the title 'Mira session request'");
        }

        @Test
        void missingBlankLineAfterTitle() {
            assertRefused(withoutLine(2), Reason.BAD_HEADER, "line 2: expected a blank line after the title");
        }

        @Test
        void changedExplanation() {
            assertRefused(withLine(3, IntentText.EXPLANATION.replace("only within", "within")), Reason.BAD_HEADER,
                    "line 3: expected the fixed explanation paragraph");
        }

        @Test
        void missingExplanation() {
            assertRefused(withoutLine(3), Reason.BAD_HEADER, "line 3: expected the fixed explanation paragraph");
        }

        @Test
        void missingBlankLineAfterExplanation() {
            assertRefused(withoutLine(4), Reason.BAD_HEADER, "line 4: expected a blank line after the explanation");
        }

        @Test
        void headerCutShort() {
            assertRefused("Mira session request\n", Reason.BAD_HEADER,
                    "line 2: expected a blank line after the title, found the end of the text");
        }

        @Test
        void noHeaderAtAll() {
            assertRefused(EXAMPLE_TEXT.substring(EXAMPLE_TEXT.indexOf("version:")), Reason.BAD_HEADER,
                    "line 1: expected the title 'Mira session request'");
        }
    }

    @Nested
    class Keys {
        @Test
        void unknownKey() {
            assertRefused(withInsertedLine(8, "color: blue"), Reason.UNKNOWN_KEY, "line 8: unknown key 'color'");
        }

        @Test
        void keysAreCaseSensitive() {
            assertRefused(withLine(7, "Domain: app.example.com"), Reason.UNKNOWN_KEY, "line 7: unknown key 'Domain'");
        }

        @Test
        void duplicateKey() {
            assertRefused(withInsertedLine(8, "domain: evil.example.com"), Reason.DUPLICATE_KEY,
                    "line 8: duplicate key 'domain' (first on line 7)");
        }

        @Test
        void duplicateKeyAtTheEnd() {
            assertRefused(EXAMPLE_TEXT + "spend_limit: none\n", Reason.DUPLICATE_KEY,
                    "line 18: duplicate key 'spend_limit' (first on line 12)");
        }

        @Test
        void swappedKeys() {
            String owner = "owner: " + IntentFixtures.OWNER_BASE58 + "\n";
            String session = "session_key: " + IntentFixtures.SESSION_BASE58 + "\n";
            assertRefused(EXAMPLE_TEXT.replace(owner + session, session + owner), Reason.OUT_OF_ORDER,
                    "line 8: key 'session_key' is out of order: expected 'owner' here");
        }

        @Test
        void limitMovedToTheEnd() {
            String text = withoutLine(12) + "spend_limit: 1000000000\n";
            assertRefused(text, Reason.OUT_OF_ORDER,
                    "line 12: key 'per_tx_limit' is out of order: expected 'spend_limit' here");
        }

        @Test
        void missingKeyInTheMiddle() {
            assertRefused(withoutLine(7), Reason.MISSING_KEY, "line 7: missing key 'domain' (expected before 'owner')");
        }

        @Test
        void missingLimitIsNotTakenAsUnlimited() {
            assertRefused(withoutLine(14), Reason.MISSING_KEY,
                    "line 14: missing key 'max_tx' (expected before 'recipients')");
        }

        @Test
        void missingLastKey() {
            assertRefused(withoutLine(17), Reason.MISSING_KEY, "line 17: missing key 'nonce' at the end of the text");
        }

        @Test
        void headerOnly() {
            String header = IntentText.TITLE + "\n\n" + IntentText.EXPLANATION + "\n\n";
            assertRefused(header, Reason.MISSING_KEY, "line 5: missing key 'version' at the end of the text");
            assertRefused(header.substring(0, header.length() - 1), Reason.BAD_HEADER,
                    "line 4: expected a blank line after the explanation, found the end of the text");
        }

        @Test
        void blankLineBetweenKeys() {
            assertRefused(withInsertedLine(8, ""), Reason.MALFORMED,
                    "line 8: blank line (keys follow one another, one per line)");
        }

        @Test
        void noSpaceAfterTheColon() {
            assertRefused(withLine(7, "domain:app.example.com"), Reason.MALFORMED,
                    "line 7: expected 'key: value' (one space after the colon, no spaces in the value)");
        }

        @Test
        void twoSpacesAfterTheColon() {
            assertRefused(withLine(7, "domain:  app.example.com"), Reason.MALFORMED,
                    "line 7: expected 'key: value' (one space after the colon, no spaces in the value)");
        }

        @Test
        void spaceInsideTheValue() {
            assertRefused(withLine(14, "max_tx: 5 0"), Reason.MALFORMED,
                    "line 14: expected 'key: value' (one space after the colon, no spaces in the value)");
        }

        @Test
        void spaceBeforeTheColon() {
            assertRefused(withLine(14, "max_tx : 50"), Reason.MALFORMED,
                    "line 14: expected 'key: value' (one space after the colon, no spaces in the value)");
        }
    }

    @Nested
    class Values {
        @Test
        void version() {
            assertRefused(withLine(5, "version: 2"), Reason.BAD_VERSION, "line 5: version '2' is not supported, expected 1");
            assertRefused(withLine(5, "version: 01"), Reason.BAD_VERSION, "line 5: version '01' is not supported, expected 1");
        }

        @Test
        void chainId() {
            assertRefused(withLine(6, "chain_id: Mira-Devnet"), Reason.BAD_VALUE,
                    "line 6: chain_id: 'Mira-Devnet' does not match [a-z0-9-]{1,48}");
            assertRefused(withLine(6, "chain_id: " + "a".repeat(49)), Reason.BAD_VALUE,
                    "line 6: chain_id: '" + "a".repeat(49) + "' does not match [a-z0-9-]{1,48}");
        }

        @Test
        void domain() {
            assertRefused(withLine(7, "domain: App.example.com"), Reason.BAD_VALUE,
                    "line 7: domain: 'App.example.com' does not match [a-z0-9.:-]{1,64}");
            assertRefused(withLine(7, "domain: https://app.example.com"), Reason.BAD_VALUE,
                    "line 7: domain: 'https://app.example.com' does not match [a-z0-9.:-]{1,64}");
            assertRefused(withLine(7, "domain: " + "a".repeat(65)), Reason.BAD_VALUE,
                    "line 7: domain: '" + "a".repeat(60) + "...' does not match [a-z0-9.:-]{1,64}");
        }

        @Test
        void owner() {
            assertRefused(withLine(8, "owner: 0KnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9"), Reason.BAD_VALUE,
                    "line 8: owner: '0KnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9' is not a base58 public key of 32 bytes");
            assertRefused(withLine(8, "owner: any"), Reason.BAD_VALUE,
                    "line 8: owner: 'any' is not a base58 public key of 32 bytes");
        }

        @Test
        void sessionKey() {
            String tooLong = IntentFixtures.SESSION_BASE58 + "u";
            assertRefused(withLine(9, "session_key: " + tooLong), Reason.BAD_VALUE,
                    "line 9: session_key: '" + tooLong + "' is not a base58 public key of 32 bytes");
        }

        @Test
        void expiresAt() {
            assertRefused(withLine(10, "expires_at: 2026-11-26T14:10Z"), Reason.BAD_VALUE,
                    "line 10: expires_at: '2026-11-26T14:10Z' is not a UTC time written like 2026-11-26T14:10:00Z");
            assertRefused(withLine(10, "expires_at: 2026-11-26T14:10:00.000Z"), Reason.BAD_VALUE,
                    "line 10: expires_at: '2026-11-26T14:10:00.000Z' is not a UTC time written like"
                            + " 2026-11-26T14:10:00Z");
            assertRefused(withLine(10, "expires_at: 2026-11-26T15:10:00+01:00"), Reason.BAD_VALUE,
                    "line 10: expires_at: '2026-11-26T15:10:00+01:00' is not a UTC time written like"
                            + " 2026-11-26T14:10:00Z");
            assertRefused(withLine(10, "expires_at: 1795702200"), Reason.BAD_VALUE,
                    "line 10: expires_at: '1795702200' is not a UTC time written like 2026-11-26T14:10:00Z");
            assertRefused(withLine(10, "expires_at: 2026-02-29T14:10:00Z"), Reason.BAD_VALUE,
                    "line 10: expires_at: '2026-02-29T14:10:00Z' is not a valid date and time");
            assertRefused(withLine(10, "expires_at: 2026-11-26T23:59:60Z"), Reason.BAD_VALUE,
                    "line 10: expires_at: '2026-11-26T23:59:60Z' is not a valid date and time");
            assertRefused(withLine(10, "expires_at: 1969-12-31T23:59:59Z"), Reason.BAD_VALUE,
                    "line 10: expires_at: '1969-12-31T23:59:59Z' is before 1970-01-01T00:00:00Z");
        }

        @Test
        void programs() {
            assertRefused(withLine(11, "programs: " + GAME_BASE58 + "," + SYSTEM_BASE58 + ":2"), Reason.BAD_VALUE,
                    "line 11: programs: program " + SYSTEM_BASE58 + " must come before " + GAME_BASE58
                            + " (sorted by key bytes)");
            assertRefused(withLine(11, "programs: " + GAME_BASE58 + "," + GAME_BASE58), Reason.BAD_VALUE,
                    "line 11: programs: program " + GAME_BASE58 + " is listed twice");
            String doubleComma = SYSTEM_BASE58 + ":2,," + GAME_BASE58;
            assertRefused(withLine(11, "programs: " + doubleComma), Reason.BAD_VALUE,
                    "line 11: programs: empty entry in '" + doubleComma.substring(0, 60)
                            + "...' (entries are separated by single commas)");
            assertRefused(withLine(11, "programs: " + GAME_BASE58 + ","), Reason.BAD_VALUE,
                    "line 11: programs: empty entry in '" + GAME_BASE58 + ",' (entries are separated by single commas)");
            assertRefused(withLine(11, "programs: none"), Reason.BAD_VALUE,
                    "line 11: programs: 'none' is not a base58 public key of 32 bytes");
        }

        @Test
        void programDiscriminators() {
            String system = "line 11: programs: program " + SYSTEM_BASE58;
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":02"), Reason.BAD_VALUE,
                    system + ": discriminator '02' is not a number from 0 to 255 without leading zeros");
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":256"), Reason.BAD_VALUE,
                    system + ": discriminator '256' is not a number from 0 to 255 without leading zeros");
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":"), Reason.BAD_VALUE,
                    system + ": discriminator '' is not a number from 0 to 255 without leading zeros");
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":2+"), Reason.BAD_VALUE,
                    system + ": discriminator '' is not a number from 0 to 255 without leading zeros");
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":9+2"), Reason.BAD_VALUE,
                    system + ": discriminator 2 must come before 9 (ascending order)");
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":2+2"), Reason.BAD_VALUE,
                    system + " lists discriminator 2 twice");
            StringJoiner seventeen = new StringJoiner("+");
            for (int i = 0; i < 17; i++) {
                seventeen.add(Integer.toString(i));
            }
            assertRefused(withLine(11, "programs: " + SYSTEM_BASE58 + ":" + seventeen), Reason.BAD_VALUE,
                    system + " has 17 discriminators, at most 16");
        }

        @Test
        void tooManyPrograms() {
            // Keys of 31 zero bytes and one small byte are the shortest base58 (33 characters), so nine fit in 900 bytes.
            StringJoiner nine = new StringJoiner(",");
            for (char last : "23456789A".toCharArray()) {
                nine.add("1".repeat(31) + last);
            }
            assertRefused(withLine(11, "programs: " + nine), Reason.BAD_VALUE, "line 11: programs: 9 entries, at most 8");
        }

        @Test
        void spendLimit() {
            assertRefused(withLine(12, "spend_limit: 01000000000"), Reason.BAD_VALUE,
                    "line 12: spend_limit: '01000000000' is neither 'none' nor a decimal number without sign or"
                            + " leading zeros");
            assertRefused(withLine(12, "spend_limit: +1000000000"), Reason.BAD_VALUE,
                    "line 12: spend_limit: '+1000000000' is neither 'none' nor a decimal number without sign or"
                            + " leading zeros");
            assertRefused(withLine(12, "spend_limit: 1_000_000_000"), Reason.BAD_VALUE,
                    "line 12: spend_limit: '1_000_000_000' is neither 'none' nor a decimal number without sign or"
                            + " leading zeros");
            assertRefused(withLine(12, "spend_limit: unlimited"), Reason.BAD_VALUE,
                    "line 12: spend_limit: 'unlimited' is neither 'none' nor a decimal number without sign or"
                            + " leading zeros");
            assertRefused(withLine(12, "spend_limit: 9223372036854775808"), Reason.BAD_VALUE,
                    "line 12: spend_limit: '9223372036854775808' is above 9223372036854775807");
        }

        @Test
        void perTransactionLimitAboveSpendLimit() {
            assertRefused(withLine(13, "per_tx_limit: 1000000001"), Reason.BAD_VALUE,
                    "line 13: per_tx_limit: 1000000001 is above spend_limit 1000000000");
        }

        @Test
        void perTransactionLimit() {
            assertRefused(withLine(13, "per_tx_limit: -1"), Reason.BAD_VALUE,
                    "line 13: per_tx_limit: '-1' is neither 'none' nor a decimal number without sign or leading zeros");
        }

        @Test
        void maxTransactions() {
            assertRefused(withLine(14, "max_tx: 1e3"), Reason.BAD_VALUE,
                    "line 14: max_tx: '1e3' is neither 'none' nor a decimal number without sign or leading zeros");
            assertRefused(withLine(14, "max_tx: None"), Reason.BAD_VALUE,
                    "line 14: max_tx: 'None' is neither 'none' nor a decimal number without sign or leading zeros");
        }

        @Test
        void recipients() {
            assertRefused(withLine(15, "recipients: " + SHOP_BASE58 + "," + SHOP_BASE58), Reason.BAD_VALUE,
                    "line 15: recipients: recipient " + SHOP_BASE58 + " is listed twice");
            assertRefused(withLine(15, "recipients: " + GAME_BASE58 + "," + SHOP_BASE58), Reason.BAD_VALUE,
                    "line 15: recipients: recipient " + SHOP_BASE58 + " must come before " + GAME_BASE58
                            + " (sorted by key bytes)");
            assertRefused(withLine(15, "recipients: none"), Reason.BAD_VALUE,
                    "line 15: recipients: 'none' is not a base58 public key of 32 bytes");
            assertRefused(withLine(15, "recipients: " + SHOP_BASE58 + ":2"), Reason.BAD_VALUE,
                    "line 15: recipients: '" + SHOP_BASE58 + ":2' is not a base58 public key of 32 bytes");
        }

        @Test
        void feeAllowance() {
            assertRefused(withLine(16, "fee_allowance: none"), Reason.BAD_VALUE,
                    "line 16: fee_allowance: 'none' is not a decimal number without sign or leading zeros");
            assertRefused(withLine(16, "fee_allowance: 00"), Reason.BAD_VALUE,
                    "line 16: fee_allowance: '00' is not a decimal number without sign or leading zeros");
        }

        @Test
        void nonce() {
            assertRefused(withLine(17, "nonce: -1"), Reason.BAD_VALUE,
                    "line 17: nonce: '-1' is not a decimal number without sign or leading zeros");
            assertRefused(withLine(17, "nonce: 042"), Reason.BAD_VALUE,
                    "line 17: nonce: '042' is not a decimal number without sign or leading zeros");
            assertRefused(withLine(17, "nonce: 18446744073709551615"), Reason.BAD_VALUE,
                    "line 17: nonce: '18446744073709551615' is above 9223372036854775807");
        }
    }

    @Test
    void theFirstProblemInTextOrderIsReported() {
        String text = withLine(7, "domain: App.example.com");
        text = text.replace("nonce: 42", "nonce: 042");
        assertRefused(text, Reason.BAD_VALUE, "line 7: domain: 'App.example.com' does not match [a-z0-9.:-]{1,64}");
    }

    @Test
    void theLineOfAProblemIsAvailableToCallers() {
        assertThatThrownBy(() -> IntentText.parse(withLine(14, "max_tx: 1e3")))
                .asInstanceOf(InstanceOfAssertFactories.type(IntentParseException.class))
                .extracting(IntentParseException::line)
                .isEqualTo(14);
        assertThatThrownBy(() -> IntentText.parse(withLine(7, "domain: " + "a".repeat(300))))
                .asInstanceOf(InstanceOfAssertFactories.type(IntentParseException.class))
                .extracting(IntentParseException::line)
                .isEqualTo(0);
    }
}
