package network.mira.verification.verifier;

import java.util.Objects;
import java.util.Optional;

/** The outcome of judging one claim: a {@link Verdict}, or an abstention with its reason. */
public sealed interface Judgement permits Judgement.Decided, Judgement.Abstained {

    static Judgement of(Verdict verdict) {
        return new Decided(verdict);
    }

    /** @param detail for logs and operators; never carries a secret such as an API key */
    static Judgement abstain(AbstainReason reason, String detail) {
        return new Abstained(reason, detail);
    }

    /** The verdict, or empty for an abstention. */
    Optional<Verdict> verdict();

    /** The reason, or empty for a verdict. */
    Optional<AbstainReason> abstainReason();

    default boolean isAbstention() {
        return verdict().isEmpty();
    }

    record Decided(Verdict value) implements Judgement {
        public Decided {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<Verdict> verdict() {
            return Optional.of(value);
        }

        @Override
        public Optional<AbstainReason> abstainReason() {
            return Optional.empty();
        }
    }

    record Abstained(AbstainReason reason, String detail) implements Judgement {
        public Abstained {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public Optional<Verdict> verdict() {
            return Optional.empty();
        }

        @Override
        public Optional<AbstainReason> abstainReason() {
            return Optional.of(reason);
        }
    }
}
