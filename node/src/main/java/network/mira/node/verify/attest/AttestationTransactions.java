package network.mira.node.verify.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.mira.core.block.Block;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.KeyPair;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.Instruction;
import network.mira.core.tx.MessageCompiler;
import network.mira.core.tx.Transaction;
import network.mira.verification.attestation.Attestation;
import network.mira.verification.program.VerificationInstruction;
import network.mira.verification.program.VerificationProgram;

/**
 * Builds a member's commit and reveal transactions for one request, signed by its identity (the fee
 * payer): one transaction for all the seats, halved until each fits in {@link Block#MAX_TRANSACTION_BYTES}
 * (a reveal entry is 101 bytes, so about ten reveals fit in one).
 */
final class AttestationTransactions {
    /** One transaction and the claims whose seats it carries. */
    record Part(Transaction transaction, Set<Integer> claims) {}

    private final KeyPair identity;

    AttestationTransactions(KeyPair identity) {
        this.identity = identity;
    }

    List<Part> commit(PublicKey request, List<SeatAttestation> seats, Hash recentBlockhash) {
        return split(seats, recentBlockhash, part -> VerificationProgram.commit(identity.publicKey(), request,
                part.stream().map(s -> new VerificationInstruction.CommitEntry(s.claimIndex(), s.commitment()))
                        .toList()));
    }

    List<Part> reveal(PublicKey request, List<SeatAttestation> seats, Hash recentBlockhash) {
        return split(seats, recentBlockhash, part -> VerificationProgram.reveal(identity.publicKey(), request,
                part.stream().map(SeatAttestation::attestation).map(AttestationTransactions::revealEntry).toList()));
    }

    private static VerificationInstruction.RevealEntry revealEntry(Attestation attestation) {
        return new VerificationInstruction.RevealEntry(attestation.claimIndex(), attestation.verdict(),
                attestation.salt(), attestation.signature());
    }

    private List<Part> split(List<SeatAttestation> seats, Hash recentBlockhash,
                                    Function<List<SeatAttestation>, Instruction> build) {
        Transaction transaction = Transaction.sign(MessageCompiler.compileLegacy(identity.publicKey(),
                List.of(build.apply(seats)), recentBlockhash), List.of(identity));
        if (transaction.serialize().length <= Block.MAX_TRANSACTION_BYTES || seats.size() == 1) {
            return List.of(new Part(transaction, seats.stream().map(SeatAttestation::claimIndex)
                    .collect(Collectors.toUnmodifiableSet())));
        }
        List<Part> parts = new ArrayList<>(split(seats.subList(0, seats.size() / 2), recentBlockhash, build));
        parts.addAll(split(seats.subList(seats.size() / 2, seats.size()), recentBlockhash, build));
        return parts;
    }
}
