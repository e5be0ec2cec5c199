package network.mira.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.rpc.service.StakingProtoMapper;
import network.mira.rpc.v1.SlashingReason;
import network.mira.settlement.staking.SlashingEvent;
import org.junit.jupiter.api.Test;

/**
 * Every slashing reason reaches CLI users under its own wire name: domain reason to RPC enum (the
 * mapper) to the name the CLI prints (StakingOutput), so a reason added to one side is not lost.
 */
class SlashingReasonOutputTest {
    @Test
    void everyReasonPrintsAsItsWireName() {
        KeyPair validator = KeyPair.fromSeed(new byte[32]);
        for (SlashingEvent.Reason reason : SlashingEvent.Reason.values()) {
            Hash evidence = reason == SlashingEvent.Reason.DOWNTIME ? null : Hash.sha256(new byte[] {1});
            SlashingEvent event = new SlashingEvent(validator.publicKey(), reason, 3, 0, evidence);

            SlashingReason wire = StakingProtoMapper.slashingEvent(event).getReason();

            assertThat(StakingOutput.reason(wire)).as("%s", reason).isEqualTo(reason.wireName());
        }
    }

    @Test
    void theVerificationReasonsPrintAsDocumented() {
        assertThat(StakingOutput.reason(SlashingReason.SLASHING_REASON_VERIFICATION_NO_REVEAL))
                .isEqualTo("verification_no_reveal");
        assertThat(StakingOutput.reason(SlashingReason.SLASHING_REASON_VERIFICATION_EQUIVOCATION))
                .isEqualTo("verification_equivocation");
        assertThat(StakingOutput.reason(SlashingReason.SLASHING_REASON_VERIFICATION_GUESSING))
                .isEqualTo("verification_guessing");
        assertThat(StakingOutput.reason(SlashingReason.UNRECOGNIZED)).isEqualTo("unknown");
    }
}
