package network.mira.verification.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatCompletionsTest {
    /** SHA-256 of the mira-verify-v1 system prompt. */
    private static final String PINNED_V1 = "76644427d2e55ef1ba2a41f2c688f7e42b0c6016b4b8b9a82be18bc9b4f368d2";

    @Test
    void thePromptTextBelongsToItsVersion() throws Exception {
        // Editing SYSTEM_PROMPT changes what validators are asked: give the new text a new PROMPT_VERSION
        // and pin its hash here.
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(ChatCompletions.SYSTEM_PROMPT.getBytes(StandardCharsets.UTF_8));
        assertThat(ChatCompletions.PROMPT_VERSION).isEqualTo("mira-verify-v1");
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(PINNED_V1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TRUE | TRUE", "FALSE | FALSE", "UNCERTAIN | UNCERTAIN",
        "true | TRUE", "False | FALSE", "uncertain | UNCERTAIN",
        "'  TRUE\n' | TRUE", "'\tFALSE ' | FALSE",
    })
    void exactlyOneOfTheThreeWordsIsAnAnswer(String content, Verdict verdict) {
        assertThat(ChatCompletions.parseAnswer(content)).contains(verdict);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "TRUE.", "**TRUE**", "\"TRUE\"", "TRUE, because it is", "TRUE FALSE",
        "Answer: TRUE", "T", "YES", "TRUEE", "UNCERTAİN", "ＴＲＵＥ", "TRUE\nFALSE", "<think>x</think>TRUE"})
    void everythingElseIsUnparseable(String content) {
        assertThat(ChatCompletions.parseAnswer(content)).isEmpty();
    }

    @Test
    void theUserMessageIsOneLineWithOneJsonString() {
        assertThat(ChatCompletions.userMessage("a \"quoted\"\nclaim\\")).isEqualTo("Claim: \"a \\\"quoted\\\"\\nclaim\\\\\"");
    }

    @Test
    void responsesAreReadStrictly() {
        assertThat(parse(FakeChatServer.completion("FALSE"))).isEqualTo(Judgement.of(Verdict.FALSE));
        assertThat(parse("{\"choices\":[{\"message\":{\"content\":\"TRUE\"}}]}")).isEqualTo(Judgement.of(Verdict.TRUE));
        assertThat(reason("")).contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason("[]")).contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason("{\"choices\":{}}")).contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason("{\"choices\":[{\"message\":{\"content\":1}}]}")).contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason("{\"choices\":[{\"text\":\"TRUE\"}]}")).contains(AbstainReason.MALFORMED_RESPONSE);
        // Two contents, or trailing data, could be read two ways: refused.
        assertThat(reason("{\"choices\":[{\"message\":{\"content\":\"TRUE\",\"content\":\"FALSE\"}}]}"))
                .contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason(FakeChatServer.completion("TRUE") + "{}")).contains(AbstainReason.MALFORMED_RESPONSE);
        assertThat(reason(FakeChatServer.completion("TRUE!"))).contains(AbstainReason.UNPARSEABLE_ANSWER);
    }

    @Test
    void thePreviewOfAnAnswerIsShortAndPrintable() {
        assertThat(ChatCompletions.preview("a\nb")).isEqualTo("'a?b'");
        assertThat(ChatCompletions.preview("x".repeat(100))).isEqualTo("'" + "x".repeat(40) + "…'");
    }

    private static Judgement parse(String body) {
        return ChatCompletions.parseResponse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<AbstainReason> reason(String body) {
        return parse(body).abstainReason();
    }
}
