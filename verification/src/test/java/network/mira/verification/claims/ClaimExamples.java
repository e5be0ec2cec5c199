package network.mira.verification.claims;

import java.util.List;

/**
 * The table of examples in docs/verification.md ("Claims"): each one shows a rule. The same rows
 * run as {@link ClaimDecomposerExamplesTest}, and {@link ClaimDocTest} keeps the document in step.
 */
final class ClaimExamples {
    private ClaimExamples() {}

    record Example(String text, List<String> claims, String rule) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static final List<Example> ALL = List.of(
            new Example("Paris is the capital of France. Berlin is in Germany!",
                    List.of("Paris is the capital of France", "Berlin is in Germany"),
                    "sentences end at `.` `!` `?` followed by a space; trailing punctuation is removed"),
            new Example("Line one has no period\nLine two neither",
                    List.of("Line one has no period", "Line two neither"),
                    "a line break always ends a sentence"),
            new Example("Pi is about 3.14. Visit example.com for version 2.1.3.",
                    List.of("Pi is about 3.14", "Visit example.com for version 2.1.3"),
                    "a period not followed by a space or line end does not end a sentence"),
            new Example("Dr. Smith moved to the U.S. in 2001, e.g. to Boston.",
                    List.of("Dr. Smith moved to the U.S. in 2001, e.g. to Boston"),
                    "listed abbreviations do not end a sentence"),
            new Example("John F. Kennedy was born in 1917.",
                    List.of("John F. Kennedy was born in 1917"),
                    "one capital letter and a period is an initial"),
            new Example("Oslo has fjords, lakes, etc. The city is green.",
                    List.of("Oslo has fjords, lakes, etc", "The city is green"),
                    "`etc.` is not an abbreviation here: it usually ends a sentence"),
            new Example("The results were... surprising. Really?! Yes.",
                    List.of("The results were... surprising", "Really", "Yes"),
                    "an ellipsis does not end a sentence; a run like `?!` ends one"),
            new Example("He said \"It is late. Go home.\" Then he left.",
                    List.of("He said \"It is late. Go home.\"", "Then he left"),
                    "no split inside a quotation; a closing quote after the terminator stays with its sentence"),
            new Example("Mercury has no moons (it is small. It is hot).",
                    List.of("Mercury has no moons (it is small. It is hot)"),
                    "no split inside brackets"),
            new Example("Paris is in France, and Berlin is in Germany.",
                    List.of("Paris is in France", "Berlin is in Germany"),
                    "`, and ` splits when both sides have at least 3 words"),
            new Example("The tower is 330 m tall, but it grows in summer.",
                    List.of("The tower is 330 m tall", "it grows in summer"),
                    "`, but ` splits the same way; case is kept"),
            new Example("We bought apples, pears, and plums.",
                    List.of("We bought apples, pears, and plums"),
                    "sides are counted to the nearest comma, so a list's last item stays"),
            new Example("The test passed; the build is green.",
                    List.of("The test passed", "the build is green"),
                    "`;` always splits (outside quotations and brackets)"),
            new Example("It rained, so the match was cancelled.",
                    List.of("It rained, so the match was cancelled"),
                    "`, so ` does not split: the claim is the causal link"),
            new Example("You can pay by card, or you can pay in cash.",
                    List.of("You can pay by card, or you can pay in cash"),
                    "`, or ` does not split: neither side is claimed alone"),
            new Example("- Paris is in France\n* Rome is in Italy\n1. Madrid is in Spain\n2) Lisbon is in Portugal",
                    List.of("Paris is in France", "Rome is in Italy", "Madrid is in Spain", "Lisbon is in Portugal"),
                    "list markers (`-` `*` `+`, up to 3 digits with `.` or `)`) are removed"),
            new Example("The cat is black.\n  The cat  is\tblack!\nthe cat is black",
                    List.of("The cat is black", "the cat is black"),
                    "whitespace collapses; a repeat is dropped (first one wins); case is kept"),
            new Example("---\n...\nWater boils at 100 C at sea level.",
                    List.of("Water boils at 100 C at sea level"),
                    "a claim without a letter, digit or non-ASCII character is dropped"),
            new Example("Zürich liegt in der Schweiz. 東京は日本の首都です。大阪は大きい。",
                    List.of("Zürich liegt in der Schweiz", "東京は日本の首都です。大阪は大きい。"),
                    "non-ASCII characters are ordinary characters, never punctuation or space"));
}
