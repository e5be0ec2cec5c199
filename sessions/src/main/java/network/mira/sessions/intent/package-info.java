/**
 * The off-chain session intent: the text a wallet shows and signs
 * ({@link network.mira.sessions.intent.IntentText}), its strict parser, and the check that the
 * owner signed it ({@link network.mira.sessions.intent.SignedIntent}). Pure functions of their
 * input: no clock, no chain state. Chain id, expiry, lifetime cap and nonce reuse are checked by
 * the sessions program. The format is documented for dApp developers in docs/sessions.md.
 */
package network.mira.sessions.intent;
