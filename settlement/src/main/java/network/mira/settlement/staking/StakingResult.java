package network.mira.settlement.staking;

import java.util.List;
import java.util.Objects;

/** The outcome of a staking operation: a new state and its events, or a refusal that changed nothing. */
public sealed interface StakingResult permits StakingResult.Applied, StakingResult.Refused {

    record Applied(StakingState state, List<StakingEvent> events) implements StakingResult {
        public Applied {
            Objects.requireNonNull(state, "state");
            events = List.copyOf(events);
        }
    }

    record Refused(StakingError error, String message) implements StakingResult {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return error + ": " + message;
        }
    }

    static StakingResult refused(StakingError error, String message) {
        return new Refused(error, message);
    }

    default boolean isRefused() {
        return this instanceof Refused;
    }

    /** The new state, or {@code before} when refused: a refusal never changes anything. */
    default StakingState stateOr(StakingState before) {
        return this instanceof Applied applied ? applied.state() : before;
    }
}
