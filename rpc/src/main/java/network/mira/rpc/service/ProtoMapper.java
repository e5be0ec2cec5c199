package network.mira.rpc.service;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import network.mira.core.account.Account;
import network.mira.core.block.Block;
import network.mira.core.block.BlockHeader;
import network.mira.core.codec.DecodeException;
import network.mira.core.consensus.CommitCertificate;
import network.mira.core.consensus.CommitSignature;
import network.mira.core.consensus.Validator;
import network.mira.core.consensus.ValidatorSet;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.ShortVec;
import network.mira.core.tx.WireFormatException;
import network.mira.rpc.v1.Commitment;
import network.mira.rpc.v1.GetAccountResponse;
import network.mira.rpc.v1.GetTransactionResponse;
import network.mira.rpc.v1.GetValidatorSetResponse;
import network.mira.rpc.v1.TransactionError;
import network.mira.rpc.v1.TransactionState;
import network.mira.rpc.v1.ValidatorSetMember;
import network.mira.rpc.v1.VoteStep;
import network.mira.settlement.bft.DuplicateVoteEvidence;
import network.mira.settlement.bft.Vote;
import network.mira.settlement.ledger.IncludedEvidence;
import network.mira.settlement.ledger.TransactionStatus;

/** Domain values to their protobuf form; hashes, keys and signatures as base58 text. */
public final class ProtoMapper {
    private ProtoMapper() {}

    /** A finalized block with the certificate that proves it final. */
    public static network.mira.rpc.v1.Block block(Block block, CommitCertificate certificate) {
        BlockHeader header = block.header();
        network.mira.rpc.v1.Block.Builder out = network.mira.rpc.v1.Block.newBuilder()
                .setHeight(header.height())
                .setHash(block.hash().toBase58())
                .setParentHash(header.parentHash().toBase58())
                .setStateRoot(header.stateRoot().toBase58())
                .setTransactionsRoot(header.transactionsRoot().toBase58())
                .setTimestampMs(header.timestampMs())
                .setProposer(header.proposer().toBase58())
                .setValidatorSetHash(header.validatorSetHash().toBase58())
                .setCertificate(certificate(certificate))
                .setCommitment(Commitment.FINALIZED)
                .setVersion(header.version())
                .setEvidenceRoot(header.evidenceRoot().toBase58())
                .setEvidenceCount(header.evidenceCount())
                .setNextValidatorSetHash(header.nextValidatorSetHash().toBase58())
                .setLastCommitHash(header.lastCommitHash().toBase58());
        block.lastCommit().ifPresent(lastCommit -> out.setLastCommit(certificate(lastCommit)));
        for (byte[] transaction : block.transactions()) {
            out.addSignatures(firstSignature(transaction).toBase58());
            out.addTransactions(ByteString.copyFrom(transaction));
        }
        List<byte[]> evidence = block.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            out.addIncludedEvidence(evidence(new IncludedEvidence(Hash.sha256(evidence.get(i)), block.height(), i,
                    decodeStored(block.height(), i, evidence.get(i)))));
        }
        return out.build();
    }

    /** The set deciding {@code height}, members in key order; {@code epoch} is empty on a chain without staking. */
    public static GetValidatorSetResponse validatorSet(long height, OptionalLong epoch, ValidatorSet set,
                                                       long finalizedHeight) {
        GetValidatorSetResponse.Builder out = GetValidatorSetResponse.newBuilder()
                .setHeight(height)
                .setValidatorSetHash(set.hash().toBase58())
                .setTotalVotingPower(set.totalStake())
                .setCommitment(Commitment.FINALIZED)
                .setFinalizedHeight(finalizedHeight);
        epoch.ifPresent(out::setEpoch);
        for (Validator validator : set.validators()) {
            out.addValidators(ValidatorSetMember.newBuilder()
                    .setKey(validator.key().toBase58())
                    .setVotingPower(validator.stake()));
        }
        return out.build();
    }

    /** Evidence in a finalized block, both votes in canonical order with their signatures. */
    public static network.mira.rpc.v1.Evidence evidence(IncludedEvidence included) {
        DuplicateVoteEvidence evidence = included.evidence().canonical();
        Vote a = evidence.first();
        Vote b = evidence.second();
        return network.mira.rpc.v1.Evidence.newBuilder()
                .setHash(included.hash().toBase58())
                .setValidator(evidence.validator().toBase58())
                .setHeight(evidence.height())
                .setRound(evidence.round())
                .setStep(evidence.step() == network.mira.core.consensus.VoteStep.PREVOTE
                        ? VoteStep.PREVOTE : VoteStep.PRECOMMIT)
                .setBlockHashA(a.blockHash().toBase58())
                .setStateRootA(a.stateRoot().toBase58())
                .setSignatureA(a.signature().toBase58())
                .setBlockHashB(b.blockHash().toBase58())
                .setStateRootB(b.stateRoot().toBase58())
                .setSignatureB(b.signature().toBase58())
                .setIncludedHeight(included.includedHeight())
                .setIndex(included.index())
                .setEncoded(ByteString.copyFrom(evidence.encode()))
                .build();
    }

    private static DuplicateVoteEvidence decodeStored(long height, int index, byte[] bytes) {
        try {
            return DuplicateVoteEvidence.decode(bytes);
        } catch (DecodeException e) {
            throw new IllegalStateException("stored block " + height + " evidence " + index + " does not decode: "
                    + e.getMessage(), e);
        }
    }

    public static network.mira.rpc.v1.CommitCertificate certificate(CommitCertificate certificate) {
        network.mira.rpc.v1.CommitCertificate.Builder out = network.mira.rpc.v1.CommitCertificate.newBuilder()
                .setHeight(certificate.height())
                .setRound(certificate.round())
                .setBlockHash(certificate.blockHash().toBase58())
                .setStateRoot(certificate.stateRoot().toBase58());
        for (CommitSignature signature : certificate.signatures()) {
            out.addSignatures(network.mira.rpc.v1.CommitSignature.newBuilder()
                    .setValidator(signature.validator().toBase58())
                    .setSignature(signature.signature().toBase58()));
        }
        return out.build();
    }

    /** A transaction in a finalized block, with its wire bytes taken from that block. */
    public static GetTransactionResponse finalizedTransaction(TransactionStatus status, Block block) {
        GetTransactionResponse.Builder out = GetTransactionResponse.newBuilder()
                .setSignature(status.signature().toBase58())
                .setState(status.succeeded() ? TransactionState.SUCCEEDED : TransactionState.FAILED)
                .setCommitment(Commitment.FINALIZED)
                .setHeight(status.height())
                .setIndex(status.index())
                .setFee(status.fee())
                .setComputeUnitsConsumed(status.computeUnitsConsumed())
                .setTransaction(ByteString.copyFrom(block.transactions().get(status.index())))
                .setBlockHash(block.hash().toBase58());
        status.error().ifPresent(error -> out.setError(TransactionError.newBuilder()
                .setCode(error.code())
                .setInstructionIndex(error.instructionIndex())
                .setMessage(error.message())));
        return out.build();
    }

    /** Not included (yet): PENDING or UNKNOWN, with no commitment since nothing is committed. */
    public static GetTransactionResponse notIncluded(Signature signature, TransactionState state) {
        return GetTransactionResponse.newBuilder().setSignature(signature.toBase58()).setState(state).build();
    }

    /** A missing account is an answer too: it does not exist at that height. */
    public static GetAccountResponse account(PublicKey address, Optional<Account> account, long height) {
        GetAccountResponse.Builder out = GetAccountResponse.newBuilder()
                .setAddress(address.toBase58())
                .setExists(account.isPresent())
                .setCommitment(Commitment.FINALIZED)
                .setHeight(height);
        account.ifPresent(found -> out
                .setLamports(found.lamports())
                .setOwner(found.owner().toBase58())
                .setData(ByteString.copyFrom(found.data()))
                .setExecutable(found.executable()));
        return out.build();
    }

    /**
     * The transaction's id is its first signature, right after the compact-u16 signature count.
     * Reading it directly avoids decoding whole messages for every transaction of every block we
     * serve; the bytes were admitted and are covered by the block's transactions root.
     */
    static Signature firstSignature(byte[] transaction) {
        try {
            ShortVec.Decoded count = ShortVec.decode(transaction, 0, "signature count");
            int end = count.length() + Signature.LENGTH;
            if (count.value() == 0 || transaction.length < end) {
                throw new IllegalStateException("stored transaction has no first signature");
            }
            return Signature.wrap(Arrays.copyOfRange(transaction, count.length(), end));
        } catch (WireFormatException e) {
            throw new IllegalStateException("stored transaction is not in wire format: " + e.getMessage(), e);
        }
    }
}
