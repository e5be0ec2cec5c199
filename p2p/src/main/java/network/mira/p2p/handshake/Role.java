package network.mira.p2p.handshake;

/** The dialer is the initiator; its Hello comes first in the transcript and keys are named after the roles. */
public enum Role {
    INITIATOR,
    RESPONDER
}
