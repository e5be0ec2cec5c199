package network.mira.p2p;

/** What happened to one message handed to {@link P2pNetwork#send}. Never blocks, never throws for these. */
public enum SendResult {
    /** In the peer's outbound queue; it will be written unless the connection drops first. */
    QUEUED,
    /** No connection to that peer. */
    NOT_CONNECTED,
    /** The peer's bounded outbound queue is full (a slow or stuck peer): this, the newest, message was dropped. */
    QUEUE_FULL,
    /** The encrypted frame would exceed the maximum frame size; no peer would accept it. */
    TOO_LARGE
}
