package network.mira.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.mira.rpc.v1.SlashingEvent;
import network.mira.rpc.v1.SlashingReason;
import network.mira.rpc.v1.StakeAccount;
import network.mira.rpc.v1.StakeAccountState;
import network.mira.rpc.v1.Validator;
import network.mira.rpc.v1.ValidatorReward;
import network.mira.rpc.v1.ValidatorStatus;

/** JSON shapes of the staking reading commands; enum values print lower case without their prefix. */
final class StakingOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();

    private StakingOutput() {}

    /** Exactly one JSON array on stdout. */
    static void printArray(PrintWriter out, List<?> array) {
        try {
            out.println(MAPPER.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** One JSON object on one line, for outputs that stream (JSON lines). */
    static void printJsonLine(PrintWriter out, Map<String, ?> object) {
        try {
            out.println(LINES.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output: " + e.getMessage(), e);
        }
        out.flush();
    }

    static LinkedHashMap<String, Object> validator(Validator validator) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("identity", validator.getIdentity());
        out.put("consensus_key", validator.getConsensusKey());
        out.put("stake", JsonOutput.u64(validator.getStake()));
        out.put("voting_power", JsonOutput.u64(validator.getVotingPower()));
        out.put("status", status(validator.getStatus()));
        out.put("commission_bps", JsonOutput.u32(validator.getCommissionBps()));
        out.put("missed_blocks", JsonOutput.u32(validator.getMissedBlocks()));
        out.put("self_bond", JsonOutput.u64(validator.getSelfBond()));
        out.put("jailed_until_height", validator.hasJailedUntilHeight()
                ? JsonOutput.u64(validator.getJailedUntilHeight()) : null);
        return out;
    }

    static LinkedHashMap<String, Object> slashingEvent(SlashingEvent event) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("validator", event.getValidator());
        out.put("reason", reason(event.getReason()));
        out.put("height", JsonOutput.u64(event.getHeight()));
        out.put("amount", JsonOutput.u64(event.getAmount()));
        out.put("evidence_hash", event.getEvidenceHash().isEmpty() ? null : event.getEvidenceHash());
        return out;
    }

    static LinkedHashMap<String, Object> reward(ValidatorReward reward) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("validator", reward.getValidator());
        out.put("commission", JsonOutput.u64(reward.getCommission()));
        out.put("delegators", JsonOutput.u64(reward.getDelegators()));
        out.put("total", JsonOutput.u64(reward.getTotal()));
        return out;
    }

    static LinkedHashMap<String, Object> stakeAccount(StakeAccount account) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("address", account.getAddress());
        out.put("authority", account.getAuthority());
        out.put("state", state(account.getState()));
        out.put("amount", JsonOutput.u64(account.getAmount()));
        out.put("active_amount", JsonOutput.u64(account.getActiveAmount()));
        out.put("validator", account.getValidator().isEmpty() ? null : account.getValidator());
        out.put("activation_epoch", account.hasActivationEpoch() ? JsonOutput.u64(account.getActivationEpoch()) : null);
        out.put("deactivation_epoch", account.hasDeactivationEpoch()
                ? JsonOutput.u64(account.getDeactivationEpoch()) : null);
        return out;
    }

    static String status(ValidatorStatus status) {
        return wireName(status.name(), "VALIDATOR_STATUS_", status == ValidatorStatus.UNRECOGNIZED);
    }

    static String reason(SlashingReason reason) {
        return wireName(reason.name(), "SLASHING_REASON_", reason == SlashingReason.UNRECOGNIZED);
    }

    static String state(StakeAccountState state) {
        return wireName(state.name(), "STAKE_ACCOUNT_STATE_", state == StakeAccountState.UNRECOGNIZED);
    }

    private static String wireName(String name, String prefix, boolean unrecognized) {
        if (unrecognized || !name.startsWith(prefix)) {
            return "unknown";
        }
        return name.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }
}
