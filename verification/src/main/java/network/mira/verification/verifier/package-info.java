/**
 * Verifier plugins (docs/verification.md, "Verifiers"): a {@link network.mira.verification.verifier.Verifier}
 * judges one claim's text as TRUE, FALSE or UNCERTAIN, or abstains with a reason when it cannot; it
 * never guesses. {@link network.mira.verification.verifier.KnowledgeBaseVerifier} is deterministic
 * (devnet, tests), {@link network.mira.verification.verifier.OpenAiCompatibleVerifier} asks a model
 * endpoint, {@link network.mira.verification.verifier.OracleVerifier} simulates a verifier of known
 * accuracy; {@link network.mira.verification.verifier.Verifiers#fromConfig} builds the configured one.
 */
package network.mira.verification.verifier;
