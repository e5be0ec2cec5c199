package network.mira.node.network;

/**
 * The node's p2p channels. Payload layouts (integers big-endian as in node-core's ByteWriter):
 * <ul>
 *   <li>{@link #TRANSACTION}: one transaction in Solana wire format;</li>
 *   <li>{@link #PROPOSAL}: proposal ({@code Proposal.encodeTo}) then the block (u32 length + bytes);</li>
 *   <li>{@link #VOTE}: one vote ({@code Vote.encode});</li>
 *   <li>{@link #EVIDENCE}: one duplicate-vote evidence ({@code DuplicateVoteEvidence.encode});</li>
 *   <li>{@link #STATUS}: finalized height (u64) and its block hash (32 bytes);</li>
 *   <li>{@link #BLOCK_REQUEST}: a height (u64);</li>
 *   <li>{@link #BLOCK_RESPONSE}: the block and its commit certificate (each u32 length + bytes).</li>
 * </ul>
 */
public final class Channels {
    public static final int TRANSACTION = 16;
    public static final int PROPOSAL = 17;
    public static final int VOTE = 18;
    public static final int EVIDENCE = 19;
    public static final int STATUS = 20;
    public static final int BLOCK_REQUEST = 21;
    public static final int BLOCK_RESPONSE = 22;

    private Channels() {}

    public static String name(int channel) {
        return switch (channel) {
            case TRANSACTION -> "transaction";
            case PROPOSAL -> "proposal";
            case VOTE -> "vote";
            case EVIDENCE -> "evidence";
            case STATUS -> "status";
            case BLOCK_REQUEST -> "block_request";
            case BLOCK_RESPONSE -> "block_response";
            default -> "channel_" + channel;
        };
    }
}
