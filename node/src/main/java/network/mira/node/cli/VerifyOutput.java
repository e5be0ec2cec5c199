package network.mira.node.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import network.mira.rpc.v1.ClaimVerdict;
import network.mira.rpc.v1.VerificationClaim;
import network.mira.rpc.v1.VerificationPhase;
import network.mira.rpc.v1.VerificationRequest;

/** How the verify commands print a request: JSON fields and text lines, one definition for both. */
final class VerifyOutput {
    private VerifyOutput() {}

    /** {@code request}, {@code phase}, …, and {@code claims}: text, verdict, stake_true, stake_false per claim. */
    static Map<String, Object> request(VerificationRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", request.getRequest());
        out.put("phase", phase(request.getPhase()));
        out.put("request_id", request.getRequestId());
        out.put("request_height", request.getRequestHeight());
        out.put("committee_size", request.getCommitteeSize());
        out.put("threshold_bps", request.getThresholdBps());
        out.put("fee", request.getFee());
        out.put("commit_deadline", request.getCommitDeadline());
        out.put("reveal_deadline", request.getRevealDeadline());
        out.put("validator_set_hash", request.getValidatorSetHash());
        out.put("paid", request.getPaid());
        out.put("refunded", request.getRefunded());
        List<Map<String, Object>> claims = new ArrayList<>();
        for (VerificationClaim claim : request.getClaimsList()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", claim.getIndex());
            item.put("text", claim.getText());
            item.put("hash", claim.getHash());
            item.put("verdict", verdict(claim.getVerdict()));
            item.put("stake_true", claim.getStakeTrue());
            item.put("stake_false", claim.getStakeFalse());
            item.put("stake_uncertain", claim.getStakeUncertain());
            item.put("stake_missing", claim.getStakeMissing());
            item.put("committee", claim.getCommitteeList().stream().map(seat -> seat.getValidator()).toList());
            claims.add(item);
        }
        out.put("claims", claims);
        return out;
    }

    /** One line per claim: "  0 TRUE         The sky is blue (true 70, false 0)". */
    static List<String> claimLines(VerificationRequest request) {
        List<String> lines = new ArrayList<>();
        for (VerificationClaim claim : request.getClaimsList()) {
            lines.add(String.format(Locale.ROOT, "%3d %-12s %s (stake true %d, false %d)", claim.getIndex(),
                    verdict(claim.getVerdict()), claim.getText(), claim.getStakeTrue(), claim.getStakeFalse()));
        }
        return lines;
    }

    static String phase(VerificationPhase phase) {
        return phase.name().replace("VERIFICATION_PHASE_", "");
    }

    /** TRUE, FALSE or INCONCLUSIVE once resolved; PENDING before. */
    static String verdict(ClaimVerdict verdict) {
        return verdict == ClaimVerdict.CLAIM_VERDICT_UNSPECIFIED || verdict == ClaimVerdict.UNRECOGNIZED
                ? "PENDING" : verdict.name().replace("CLAIM_VERDICT_", "");
    }

    static boolean settled(VerificationPhase phase) {
        return phase == VerificationPhase.VERIFICATION_PHASE_RESOLVED
                || phase == VerificationPhase.VERIFICATION_PHASE_CANCELLED;
    }
}
